import type { Hono } from 'hono';
import type { Runtime } from '../../../app/runtime';
import { demandWindows, isDemandWindow } from '../../../domain/feedback/demand';
import { ValidationError } from '../../../domain/errors';
import { getTopics } from '../../../services/knowledge/get-topics';
import type { AppEnv } from '../app';

/** GET /api/topics?window=7d|30d|90d|all — tickets per topic (read with the API token or sign-in, like /api/demand). */
export function registerTopicRoutes(app: Hono<AppEnv>, rt: Runtime): void {
  app.get('/api/topics', (c) => {
    const window = c.req.query('window') ?? '30d';
    if (!isDemandWindow(window)) {
      throw new ValidationError(`window must be one of ${demandWindows.join(', ')}`, {
        window: `allowed values: ${demandWindows.join(', ')}`,
      });
    }
    return c.json(getTopics({ ctx: rt.ctx, input: { window } }));
  });
}
