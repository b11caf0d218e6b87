import type { Hono } from 'hono';
import { demandWindows, isDemandWindow } from '../../../domain/feedback/demand';
import { ValidationError } from '../../../domain/errors';
import type { Ctx } from '../../../services/context';
import { getTopics } from '../../../services/knowledge/get-topics';
import type { AppEnv } from '../web-deps';

/** GET /api/topics?window=7d|30d|90d|all — tickets per topic (read with the API token or sign-in, like /api/demand). */
export function registerTopicRoutes(app: Hono<AppEnv>, ctx: Ctx): void {
  app.get('/api/topics', async (c) => {
    const window = c.req.query('window') ?? '30d';
    if (!isDemandWindow(window)) {
      throw new ValidationError(`window must be one of ${demandWindows.join(', ')}`, {
        window: `allowed values: ${demandWindows.join(', ')}`,
      });
    }
    return c.json(await getTopics({ ctx, input: { window } }));
  });
}
