import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { Runtime } from '../../../app/runtime';
import type { AppEnv } from '../app';
import { refuse } from '../doors';

export interface ApiClient {
  tokenId: number;
  /** The name given at `dutyloop token create --name` (e.g. zendesk). */
  name: string;
}

const clients = new WeakMap<Request, ApiClient>();
const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** The API client of a request that passed requireApiToken. */
export function apiClientOf(c: Context): ApiClient {
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
  const findToken = rt.dbHandle.sqlite.prepare('SELECT id, name, last_used_at AS lastUsedAt FROM api_tokens WHERE token_hash = ? AND workspace_id = ? AND revoked_at IS NULL');
  const touchToken = rt.dbHandle.sqlite.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?');
  return async (c, next) => {
    const auth = c.req.header('authorization') ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7).trim() : '';
    const found = token ? (findToken.get(hash(token), rt.ctx.workspaceId) as { id: number; name: string; lastUsedAt: number | null } | undefined) : undefined;
    if (!found) {
      return refuse(c, { status: 401, error: 'unauthorized', message: 'Send Authorization: Bearer <api token> (create one with `dutyloop token create --name <name>`)' });
    }
    // `dutyloop token list` shows when a token was last used; at most one write a minute per token.
    const now = rt.ctx.clock.now().getTime();
    if (now - (found.lastUsedAt ?? 0) >= 60_000) touchToken.run(now, found.id);
    clients.set(c.req.raw, { tokenId: found.id, name: found.name });
    return next();
  };
}
