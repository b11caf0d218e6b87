import { createHash, randomBytes } from 'node:crypto';
import type { DbHandle } from '../../../src/adapters/db/client';

/** Stores a new API token (only its SHA-256) and returns the Authorization header that reads /api/* with it. */
export function readerHeaders(db: DbHandle, workspaceId: string, name = 'test'): { authorization: string } {
  const token = `dl_${randomBytes(18).toString('base64url')}`;
  db.sqlite
    .prepare('INSERT INTO api_tokens (workspace_id, name, token_hash) VALUES (?, ?, ?)')
    .run(workspaceId, name, createHash('sha256').update(token).digest('hex'));
  return { authorization: `Bearer ${token}` };
}
