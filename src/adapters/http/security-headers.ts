import type { MiddlewareHandler } from 'hono';

/**
 * Pages load only what dutyloop serves itself: no inline script or style (so injected markup
 * cannot run or restyle anything), no framing (clickjacking), forms post back to dutyloop only.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
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
