import { and, eq, lte } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import type { Db } from './client';
import { sessions } from './schema';
import type { SessionRow } from '../../services/ports/sessions';

/** Only the SHA-256 of a session id is stored: a copy of the table signs nobody in. */
export const hashSessionId = (id: string) => createHash('sha256').update(id).digest('hex');

export class SessionsRepo {
  constructor(private readonly db: Db) {}

  create(
    workspaceId: string,
    id: string,
    s: { slackUserId: string; name: string; now: number; expiresAt: number },
  ): void {
    // Sign-in is rare: a good moment to forget sessions nobody can use any more.
    this.db.delete(sessions).where(lte(sessions.expiresAt, s.now)).run();
    this.db
      .insert(sessions)
      .values({
        idHash: hashSessionId(id),
        workspaceId,
        slackUserId: s.slackUserId,
        name: s.name,
        createdAt: s.now,
        expiresAt: s.expiresAt,
        checkedAt: s.now,
      })
      .run();
  }

  /** The live session with this id, or undefined (unknown, revoked or expired). */
  find(workspaceId: string, id: string, now: number): SessionRow | undefined {
    const row = this.db
      .select({
        slackUserId: sessions.slackUserId,
        name: sessions.name,
        expiresAt: sessions.expiresAt,
        checkedAt: sessions.checkedAt,
      })
      .from(sessions)
      .where(and(eq(sessions.idHash, hashSessionId(id)), eq(sessions.workspaceId, workspaceId)))
      .get();
    return row && row.expiresAt > now ? row : undefined;
  }

  markChecked(workspaceId: string, slackUserId: string, now: number): void {
    this.db
      .update(sessions)
      .set({ checkedAt: now })
      .where(and(eq(sessions.workspaceId, workspaceId), eq(sessions.slackUserId, slackUserId)))
      .run();
  }

  delete(id: string): void {
    this.db
      .delete(sessions)
      .where(eq(sessions.idHash, hashSessionId(id)))
      .run();
  }

  /** Every session of a user, e.g. once they left the workspace. */
  deleteForUser(workspaceId: string, slackUserId: string): void {
    this.db
      .delete(sessions)
      .where(and(eq(sessions.workspaceId, workspaceId), eq(sessions.slackUserId, slackUserId)))
      .run();
  }
}

export type { SessionRow };
