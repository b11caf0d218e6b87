import { and, eq, gt, lte } from 'drizzle-orm';
import type { SessionRow, SessionsStore } from '../../../services/ports/sessions';
import { hashSessionId } from '../sessions.repo';
import type { PgDb } from './client';
import { sessions } from './schema';

/** Dashboard sessions on PostgreSQL: only the SHA-256 of a session id is stored. */
export class PgSessionsStore implements SessionsStore {
  constructor(private readonly db: PgDb) {}

  async create(
    workspaceId: string,
    id: string,
    s: { slackUserId: string; name: string; now: number; expiresAt: number },
  ): Promise<void> {
    // Sign-in is rare: a good moment to forget sessions nobody can use any more.
    await this.db.delete(sessions).where(lte(sessions.expiresAt, s.now));
    await this.db.insert(sessions).values({
      idHash: hashSessionId(id),
      workspaceId,
      slackUserId: s.slackUserId,
      name: s.name,
      createdAt: s.now,
      expiresAt: s.expiresAt,
      checkedAt: s.now,
    });
  }

  async find(workspaceId: string, id: string, now: number): Promise<SessionRow | undefined> {
    const [row] = await this.db
      .select({
        slackUserId: sessions.slackUserId,
        name: sessions.name,
        expiresAt: sessions.expiresAt,
        checkedAt: sessions.checkedAt,
      })
      .from(sessions)
      .where(
        and(eq(sessions.idHash, hashSessionId(id)), eq(sessions.workspaceId, workspaceId), gt(sessions.expiresAt, now)),
      );
    return row;
  }

  async markChecked(workspaceId: string, slackUserId: string, now: number): Promise<void> {
    await this.db
      .update(sessions)
      .set({ checkedAt: now })
      .where(and(eq(sessions.workspaceId, workspaceId), eq(sessions.slackUserId, slackUserId)));
  }

  async delete(id: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.idHash, hashSessionId(id)));
  }

  async deleteForUser(workspaceId: string, slackUserId: string): Promise<void> {
    await this.db
      .delete(sessions)
      .where(and(eq(sessions.workspaceId, workspaceId), eq(sessions.slackUserId, slackUserId)));
  }
}
