import type { MiddlewareHandler } from 'hono';
import { createHash } from 'node:crypto';
import { rateStylesheet } from '../web/assets';

const hashOf = (source: string) => `'sha256-${createHash('sha256').update(source).digest('base64')}'`;

/**
 * Pages load only what dutyloop serves itself: no inline script or style (so injected markup
 * cannot run or restyle anything; the one inline stylesheet, the rating page's, is allowed by its hash), no framing (clickjacking), forms post back to dutyloop only.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  `style-src 'self' ${hashOf(rateStylesheet)}`,
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const headers: Record<string, string> = {
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  // Older browsers that ignore frame-ancestors.
  'x-frame-options': 'DENY',
  // Dashboard URLs carry issue ids and filters; other sites need not see them.
  'referrer-policy': 'same-origin',
};

/** The same protective headers on every answer: pages, assets, API, errors. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    try {
      for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
    } catch {
      // A response built elsewhere may have immutable headers: copy it once, then set them.
      c.res = new Response(c.res.body, c.res);
      for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
    }
  };
}
