import { createHash, randomBytes } from 'node:crypto';
import type { DbHandle } from '../../../src/adapters/db/client';
import type { Running } from '../../../src/app/start';

/**
 * Stores a new API token through the app's tokens store (only its SHA-256 is
 * kept, on either engine) and returns the Authorization header that reads
 * /api/* with it.
 */
export async function readerHeaders(
  app: Pick<Running, 'rt'>,
  workspaceId: string,
  name = 'test',
): Promise<{ authorization: string }> {
  const token = `dl_${randomBytes(18).toString('base64url')}`;
  await app.rt.ctx.repos.tokens.create(workspaceId, name, token, app.rt.ctx.clock.now().getTime());
  return { authorization: `Bearer ${token}` };
}

/** As readerHeaders, for an SQLite file no app has open yet (a server started afterwards reads it). */
export function fileReaderHeaders(db: DbHandle, workspaceId: string, name = 'test'): { authorization: string } {
  const token = `dl_${randomBytes(18).toString('base64url')}`;
  db.sqlite
    .prepare('INSERT INTO api_tokens (workspace_id, name, token_hash) VALUES (?, ?, ?)')
    .run(workspaceId, name, createHash('sha256').update(token).digest('hex'));
  return { authorization: `Bearer ${token}` };
}
