import { and, eq, gt } from 'drizzle-orm';
import { type Resolution, statsFromBuckets, statsFromResolutions } from '../../domain/tickets/leaderboard';
import type { LeaderboardStats } from '../../services/ports/tickets';
import type { Db } from './client';
import { statement } from './statements';
import { leaderboardPeople, leaderboardResponses, members } from './schema';

const resolutionsSql = `SELECT resolved_by, first_response_at - created_at, rating FROM tickets
  WHERE workspace_id = ? AND resolved_at IS NOT NULL AND resolved_by IS NOT NULL AND resolved_at >= ? AND resolved_at < ?`;

/** The leaderboard's read model on SQLite: resolutions per person. */
export class LeaderboardRepo {
  constructor(private readonly db: Db) {}

  /**
   * Tickets resolved in [from, to) (all time when null), counted from the
   * tickets themselves: one indexed read of who, how fast and how rated, added
   * up in one pass (a full duty period is some 20,000 tickets; three window
   * queries over them took some 150 ms, this takes about 20).
   */
  between(workspaceId: string, from: number | null, to: number | null): LeaderboardStats {
    const rows = statement(this.db, resolutionsSql)
      .raw(true)
      .all(workspaceId, from ?? 0, to ?? Number.MAX_SAFE_INTEGER) as Resolution[];
    return statsFromResolutions(rows);
  }

  /**
   * All time, from the tables the tickets triggers keep (see migration
   * 0009_leaderboard_triggers): medians exact to the response bucket (6 s under
   * an hour), read in milliseconds however many tickets there are.
   */
  allTime(workspaceId: string): LeaderboardStats {
    const people = this.db
      .select({
        userId: leaderboardPeople.userId,
        handled: leaderboardPeople.handled,
        ratingSum: leaderboardPeople.ratingSum,
        ratings: leaderboardPeople.ratings,
      })
      .from(leaderboardPeople)
      .where(and(eq(leaderboardPeople.workspaceId, workspaceId), gt(leaderboardPeople.handled, 0)))
      .all();
    const buckets = this.db
      .select({ userId: leaderboardResponses.userId, value: leaderboardResponses.bucket, n: leaderboardResponses.n })
      .from(leaderboardResponses)
      .where(and(eq(leaderboardResponses.workspaceId, workspaceId), gt(leaderboardResponses.n, 0)))
      .all();
    return statsFromBuckets(people, buckets);
  }

  /** The configured members' names by Slack id (the id itself when a member has no name). */
  memberNames(workspaceId: string): Map<string, string> {
    return new Map(
      this.db
        .select({ id: members.slackUserId, name: members.name })
        .from(members)
        .where(eq(members.workspaceId, workspaceId))
        .all()
        .map((m) => [m.id, m.name ?? m.id]),
    );
  }
}
