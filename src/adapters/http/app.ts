import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { randomUUID } from 'node:crypto';
import { constantTimeEqual } from '../signed-values';
import { DomainError, httpStatusOf } from '../../domain/errors';
import type { Ctx } from '../../services/context';
import { bodyLimits, bodyStillArriving, limitBody, registerDoors, slackDoor } from './doors';
import { registerRoutes } from './routes';
import { securityHeaders } from './security-headers';
import type { AppEnv, WebDeps } from './web-deps';

export interface HttpAppOptions {
  /** Bolt's receiver handler for POST /slack/events (absent in demo mode). */
  slackHandler?: (c: import('hono').Context) => Promise<Response>;
}

/** The one HTTP server: Slack, webhooks, API, dashboard, health and metrics. */
export function createHttpApp({ ctx, web }: { ctx: Ctx; web: WebDeps }, opts: HttpAppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { metrics } = web;

  app.use('*', securityHeaders());
  app.use('*', async (c, next) => {
    const requestId = c.req.header('x-request-id') ?? randomUUID();
    c.set('requestId', requestId);
    const stop = metrics.httpDuration.startTimer();
    await next();
    const route = c.req.routePath || 'unmatched';
    stop({ method: c.req.method, route });
    metrics.httpRequests.inc({ method: c.req.method, route, status: String(c.res.status) });
    c.res.headers.set('x-request-id', requestId);
    // Answered before the body arrived (a refusal, a 413): the rest of it would be dropped with the socket, so say so.
    if (bodyStillArriving(c)) c.res.headers.set('connection', 'close');
  });

  app.get('/healthz', async (c) => {
    try {
      await web.reads.ping();
      return c.json({ status: 'ok', mode: web.mode, database: web.engine });
    } catch (err) {
      ctx.log.error({ err }, 'healthz: database check failed');
      return c.json({ status: 'unhealthy', reason: 'database', database: web.engine }, 503);
    }
  });

  const metricsToken = ctx.config.env.metricsToken;
  app.get('/metrics', async (c) => {
    if (metricsToken && !bearerMatches(c.req.header('authorization'), metricsToken)) {
      c.header('www-authenticate', 'Bearer');
      return c.json({ error: 'unauthorized', message: 'Send Authorization: Bearer <METRICS_TOKEN>' }, 401);
    }
    c.header('content-type', metrics.registry.contentType);
    return c.body(await metrics.registry.metrics());
  });

  if (opts.slackHandler) {
    const handler = opts.slackHandler;
    app.post('/slack/events', slackDoor(ctx), limitBody(bodyLimits.slackEvents), (c) => handler(c));
  } else {
    app.post('/slack/events', (c) =>
      c.json({ error: 'slack_disabled', message: 'Slack is not configured on this server' }, 503),
    );
  }

  registerDoors(app, ctx, metrics);
  registerRoutes(app, ctx, web);

  app.notFound((c) => c.json({ error: 'not_found', message: `No route for ${c.req.method} ${c.req.path}` }, 404));
  app.onError((err, c) => {
    if (err instanceof DomainError) {
      return c.json(
        { error: err.code, message: err.message, ...(err.details ? { fields: err.details } : {}) },
        httpStatusOf[err.code] as 400,
      );
    }
    if (err instanceof HTTPException) return err.getResponse();
    ctx.log.error({ err, requestId: c.get('requestId'), path: c.req.path }, 'http: unhandled error');
    return c.json(
      { error: 'internal', message: 'Something went wrong; it was logged.', requestId: c.get('requestId') },
      500,
    );
  });
  return app;
}

function bearerMatches(header: string | undefined, token: string): boolean {
  return constantTimeEqual(header?.startsWith('Bearer ') ? header.slice(7).trim() : '', token);
}
