import type { Context, MiddlewareHandler } from 'hono';
import type { Ctx } from '../../../services/context';
import type { ApiClientToken } from '../../../services/ports/tickets';
import { refuse } from '../doors';
import type { AppEnv } from '../web-deps';

const clients = new WeakMap<Request, ApiClientToken>();

/** The API client of a request that passed requireApiToken. */
export function apiClientOf(c: Context): ApiClientToken {
  const client = clients.get(c.req.raw);
  if (!client) throw new Error('apiClientOf called on a route without requireApiToken');
  return client;
}

/**
 * Writes from helpdesks and forms need `Authorization: Bearer <api token>` of
 * this workspace. Checked on the headers alone: a request without a valid
 * token is refused before its body is read.
 */
export function requireApiToken(ctx: Ctx): MiddlewareHandler<AppEnv> {
  /**
   * Checks under way, by token: a helpdesk's concurrent requests share one
   * lookup instead of each taking a database round trip. A request may share
   * a check that began a moment before it arrived; none is reused once answered.
   */
  const checking = new Map<string, Promise<ApiClientToken | undefined>>();
  const authenticate = (token: string) => {
    const pending = checking.get(token);
    if (pending) return pending;
    const check = ctx.repos.tokens.authenticate(ctx.workspaceId, token, ctx.clock.now().getTime());
    checking.set(token, check);
    void check.then(
      () => checking.delete(token),
      () => checking.delete(token),
    );
    return check;
  };
  return async (c, next) => {
    const auth = c.req.header('authorization') ?? '';
    const found = await authenticate(auth.startsWith('Bearer ') ? auth.slice(7).trim() : '');
    if (!found) {
      return refuse(c, {
        status: 401,
        error: 'unauthorized',
        message: 'Send Authorization: Bearer <api token> (create one with `dutyloop token create --name <name>`)',
      });
    }
    clients.set(c.req.raw, found);
    return next();
  };
}
