import type { Metrics } from './metrics';
import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { declaredLength } from './body';
import type { Ctx } from '../../services/context';
import { githubDeliveries } from '../github/webhook';
import type { Refusal } from './refusal';
import { deliveryProblem } from './webhook-deliveries';
import { linearDeliveries } from '../linear/webhook';
import { slackHeadersProblem } from '../slack/hono-receiver';
import type { AppEnv } from './web-deps';

export type { Refusal };
export { bodyText } from './body';

/** Largest body each door reads; anything bigger is a 413 before it is buffered. */
export const bodyLimits = {
  slackEvents: 1024 * 1024,
  apiTickets: 1024 * 1024,
  // A resolution (500 characters) or a reply's who and when: a few hundred bytes; room to spare for padding and extra fields.
  helpdesk: 64 * 1024,
  // An issues event carries the issue body (up to 65,536 characters), twice on a transfer.
  webhook: 5 * 1024 * 1024,
  rateForm: 64 * 1024,
  logout: 4 * 1024,
} as const;

/**
 * Answers a request whose body was not read. The body is still on the wire, so
 * the connection ends with this answer: a keep-alive client then opens a fresh
 * one for its next request instead of writing into a socket we are dropping.
 */
export function refuse(c: Context, r: Refusal): Response {
  c.header('connection', 'close');
  return c.json({ error: r.error, message: r.message }, r.status);
}

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${bytes / 1024} KB`);

/**
 * A body limit whose 413 says what is allowed. A declared length is checked
 * on the header alone (the body is then read by the route, see `bodyText`);
 * a chunked body goes through hono's limit, which reads at most `maxBytes`.
 */
export function limitBody(maxBytes: number): MiddlewareHandler<AppEnv> {
  const tooLarge = (c: Context) =>
    refuse(c, { status: 413, error: 'payload_too_large', message: `The body is over ${sizeText(maxBytes)}` });
  const chunked = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async (c, next) => {
    const declared = declaredLength(c);
    if (declared === undefined) return chunked(c, next);
    return Number.parseInt(declared, 10) > maxBytes ? tooLarge(c) : next();
  };
}

/** True while the request's body has not fully arrived (node server only; in-process requests have no socket). */
export function bodyStillArriving(c: Context): boolean {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return !!incoming && !incoming.complete;
}

/** A check on headers alone, run before the body is read. */
function door(problemOf: (c: Context) => Refusal | undefined): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const problem = problemOf(c);
    return problem ? refuse(c, problem) : next();
  };
}

/**
 * The doors in front of every route that reads a body: requests that cannot
 * succeed are refused on their headers, and the rest are read up to a limit.
 * Registered before the routes themselves, so these run first.
 */
export function registerDoors(app: import('hono').Hono<AppEnv>, ctx: Ctx, metrics: Metrics): void {
  const { env } = ctx.config;
  app.post(
    '/webhooks/github',
    countDeliveries('github', metrics),
    door((c) => deliveryProblem(githubDeliveries, env.github.webhookSecret, (h) => c.req.header(h))),
    limitBody(bodyLimits.webhook),
  );
  app.post(
    '/webhooks/linear',
    countDeliveries('linear', metrics),
    door((c) => deliveryProblem(linearDeliveries, env.linear.webhookSecret, (h) => c.req.header(h))),
    limitBody(bodyLimits.webhook),
  );
  app.post('/rate/:token', limitBody(bodyLimits.rateForm));
  app.post('/auth/logout', limitBody(bodyLimits.logout));
}

/** The header a webhook handler marks a redelivery with, for the count of deliveries by result. */
export const deliveryResultHeader = 'x-dutyloop-delivery';

/** Counts each webhook delivery by what came of it (applied, duplicate, ignored, refused…), once it is answered. */
function countDeliveries(source: 'github' | 'linear', metrics: Metrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const status = c.res.status;
    const result =
      status === 401
        ? 'refused'
        : status === 204
          ? 'ignored'
          : status >= 500
            ? 'error'
            : status >= 400
              ? 'invalid'
              : (c.res.headers.get(deliveryResultHeader) ?? 'applied');
    metrics.webhookDeliveries.inc({ source, result });
  };
}

/** Slack's headers checked before the body is read: no signature or a stale timestamp cannot verify. */
export function slackDoor(ctx: Ctx): MiddlewareHandler<AppEnv> {
  return door((c) => {
    const reason = slackHeadersProblem(
      c.req.header('x-slack-signature'),
      c.req.header('x-slack-request-timestamp'),
      ctx.clock.now().getTime(),
    );
    if (!reason) return undefined;
    ctx.log.warn({ reason }, 'slack: rejected a request');
    return { status: 401, error: 'invalid_signature', message: `Slack request refused: ${reason}` };
  });
}
