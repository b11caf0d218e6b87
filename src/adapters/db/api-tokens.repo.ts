import { createHash } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from './client';
import { apiTokens } from './schema';
import { statement } from './statements';
import type { ApiTokenInfo, ApiClientToken } from '../../services/ports/tickets';

/** `dutyloop token list` shows when a token was last used; minute precision is enough, and spares a write per request. */
const touchEveryMs = 60_000;

/** API tokens as an admin may see them: never the token, nor its hash. */
export class ApiTokensRepo {
  constructor(private readonly db: Db) {}

  /** Stores a new token under `name`; only its SHA-256 is kept. Returns its id. */
  create(workspaceId: string, name: string, token: string, now: number): number {
    return this.db
      .insert(apiTokens)
      .values({ workspaceId, name, tokenHash: sha256(token), createdAt: now })
      .returning({ id: apiTokens.id })
      .get().id;
  }

  list(workspaceId: string): ApiTokenInfo[] {
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
      .orderBy(asc(apiTokens.id))
      .all();
  }

  /** Marks a token revoked; false when it was already revoked (or is not this workspace's). */
  revoke(workspaceId: string, id: number, now: number): boolean {
    return (
      this.db
        .update(apiTokens)
        .set({ revokedAt: now })
        .where(and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
        .run().changes === 1
    );
  }

  /**
   * The live token of this workspace that `token` is, or undefined. Only its
   * SHA-256 is stored, so the lookup is by hash; last use is recorded at most once a minute.
   */
  authenticate(workspaceId: string, token: string, now: number): ApiClientToken | undefined {
    if (!token) return undefined;
    const tokenHash = sha256(token);
    // Every API request passes here: one statement prepared per connection, not a query built each time.
    const found = statement(
      this.db,
      'SELECT id, name, last_used_at AS lastUsedAt FROM api_tokens WHERE token_hash = ? AND workspace_id = ? AND revoked_at IS NULL',
    ).get(tokenHash, workspaceId) as { id: number; name: string; lastUsedAt: number | null } | undefined;
    if (!found) return undefined;
    if (now - (found.lastUsedAt ?? 0) >= touchEveryMs)
      this.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, found.id)).run();
    return { id: found.id, name: found.name };
  }
}

function sha256(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type { ApiTokenInfo, ApiClientToken };
