import type { Context, MiddlewareHandler } from 'hono';
import type { Runtime } from '../../../app/runtime';
import { type ApiClientToken, ApiTokensRepo } from '../../db/api-tokens.repo';
import type { AppEnv } from '../app';
import { refuse } from '../doors';

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
export function requireApiToken(rt: Runtime): MiddlewareHandler<AppEnv> {
  const tokens = new ApiTokensRepo(rt.ctx.db);
  return async (c, next) => {
    const auth = c.req.header('authorization') ?? '';
    const found = tokens.authenticate(
      rt.ctx.workspaceId,
      auth.startsWith('Bearer ') ? auth.slice(7).trim() : '',
      rt.ctx.clock.now().getTime(),
    );
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
