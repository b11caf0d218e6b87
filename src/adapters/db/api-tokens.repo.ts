import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from './client';
import { apiTokens } from './schema';

export interface ApiTokenInfo {
  id: number;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

/** API tokens as an admin may see them: never the token, nor its hash. */
export class ApiTokensRepo {
  constructor(private readonly db: Db) {}

  list(workspaceId: string): ApiTokenInfo[] {
    return this.db
      .select({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
      .from(apiTokens)
      .where(eq(apiTokens.workspaceId, workspaceId))
      .orderBy(asc(apiTokens.id))
      .all();
  }

  /** Marks a token revoked; false when it was already revoked (or is not this workspace's). */
  revoke(workspaceId: string, id: number, now: number): boolean {
    return this.db
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
      .run().changes === 1;
  }
}
