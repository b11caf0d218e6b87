import { createHash } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { ApiClientToken, ApiTokenInfo, TokensStore } from '../../../services/ports/tickets';
import type { PgDb } from './client';
import { apiTokens } from './schema';
import { namedRows } from './statements';

/** `dutyloop token list` shows when a token was last used; minute precision is enough, and spares a write per request. */
const touchEveryMs = 60_000;

/** API tokens on PostgreSQL: only a token's SHA-256 is stored, and never shown. */
export class PgTokensStore implements TokensStore {
  constructor(private readonly db: PgDb) {}

  async create(workspaceId: string, name: string, token: string, now: number): Promise<number> {
    const [row] = await this.db
      .insert(apiTokens)
      .values({ workspaceId, name, tokenHash: sha256(token), createdAt: now })
      .returning({ id: apiTokens.id });
    return row!.id;
  }

  async list(workspaceId: string): Promise<ApiTokenInfo[]> {
    return this.db
      .select({
        id: apiTokens.id,
        name: apiTokens.name,
        createdAt: apiTokens.createdAt,
        lastUsedAt: apiTokens.lastUsedAt,
        revokedAt: apiTokens.revokedAt,
      })
      .from(apiTokens)
      .where(eq(apiTokens.workspaceId, workspaceId))
      .orderBy(asc(apiTokens.id));
  }

  async revoke(workspaceId: string, id: number, now: number): Promise<boolean> {
    const revoked = await this.db
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    return revoked.length === 1;
  }

  async authenticate(workspaceId: string, token: string, now: number): Promise<ApiClientToken | undefined> {
    if (!token) return undefined;
    const [found] = await namedRows<{ id: number; name: string; last_used_at: number | null }>(
      this.db,
      'dl_api_token_authenticate',
      'SELECT id, name, last_used_at FROM api_tokens WHERE token_hash = $1 AND workspace_id = $2 AND revoked_at IS NULL',
      [sha256(token), workspaceId],
    );
    if (!found) return undefined;
    // Requests arriving together all see the old time: only the first of them writes (the others find it recent).
    if (now - (found.last_used_at ?? 0) >= touchEveryMs)
      await namedRows(
        this.db,
        'dl_api_token_touch',
        'UPDATE api_tokens SET last_used_at = $1 WHERE id = $2 AND $1 - coalesce(last_used_at, 0) >= $3',
        [now, found.id, touchEveryMs],
      );
    return { id: found.id, name: found.name };
  }
}

function sha256(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
