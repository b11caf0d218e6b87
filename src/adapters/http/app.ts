import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { DomainError, httpStatusOf } from '../../domain/errors';
import type { Runtime } from '../../app/runtime';
import { registerRoutes } from './routes';

export type AppEnv = { Variables: { requestId: string } };

export interface HttpAppOptions {
  /** Bolt's receiver handler for POST /slack/events (absent in demo mode). */
  slackHandler?: (c: import('hono').Context) => Promise<Response>;
}

/** The one HTTP server: Slack, webhooks, API, dashboard, health and metrics. */
export function createHttpApp(rt: Runtime, opts: HttpAppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { metrics } = rt;

  app.use('*', async (c, next) => {
    const requestId = c.req.header('x-request-id') ?? randomUUID();
    c.set('requestId', requestId);
    const stop = metrics.httpDuration.startTimer();
    await next();
    const route = c.req.routePath || 'unmatched';
    stop({ method: c.req.method, route });
    metrics.httpRequests.inc({ method: c.req.method, route, status: String(c.res.status) });
    c.res.headers.set('x-request-id', requestId);
  });

  app.get('/healthz', (c) => {
    try {
      rt.dbHandle.db.get(sql`select 1`);
      return c.json({ status: 'ok', mode: rt.mode });
    } catch (err) {
      rt.ctx.log.error({ err }, 'healthz: database check failed');
      return c.json({ status: 'unhealthy', reason: 'database' }, 503);
    }
  });

  app.get('/metrics', async (c) => {
    c.header('content-type', metrics.registry.contentType);
    return c.body(await metrics.registry.metrics());
  });

  if (opts.slackHandler) {
    const handler = opts.slackHandler;
    app.post('/slack/events', bodyLimit({ maxSize: 1024 * 1024, onError: (c) => c.json({ error: 'payload_too_large' }, 413) }), (c) => handler(c));
  } else {
    app.post('/slack/events', (c) => c.json({ error: 'slack_disabled', message: 'Slack is not configured on this server' }, 503));
  }

  registerRoutes(app, rt);

  app.notFound((c) => c.json({ error: 'not_found', message: `No route for ${c.req.method} ${c.req.path}` }, 404));
  app.onError((err, c) => {
    if (err instanceof DomainError) {
      return c.json({ error: err.code, message: err.message, ...(err.details ? { fields: err.details } : {}) }, httpStatusOf[err.code] as 400);
    }
    if (err instanceof HTTPException) return err.getResponse();
    rt.ctx.log.error({ err, requestId: c.get('requestId'), path: c.req.path }, 'http: unhandled error');
    return c.json({ error: 'internal', message: 'Something went wrong; it was logged.', requestId: c.get('requestId') }, 500);
  });
  return app;
}
