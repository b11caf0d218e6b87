import { and, eq, gt } from 'drizzle-orm';
import { statsFromBuckets, statsFromPeriod } from '../../domain/tickets/leaderboard';
import type { LeaderboardStats } from '../../services/ports/tickets';
import type { Db } from './client';
import { statement } from './statements';
import { leaderboardPeople, members } from './schema';

// Each person's first-response delays come packed in one text (group_concat): for a full period, some twenty
// values for the driver to hand over instead of 60,000, which cost more than the read itself.
const periodSql = `SELECT resolved_by, count(*), coalesce(sum(rating), 0), count(rating), group_concat(first_response_at - created_at)
  FROM tickets
  WHERE workspace_id = ? AND resolved_at IS NOT NULL AND resolved_by IS NOT NULL AND resolved_at >= ? AND resolved_at < ?
  GROUP BY resolved_by`;

const bucketsSql = `SELECT user_id, group_concat(bucket), group_concat(n) FROM leaderboard_responses
  WHERE workspace_id = ? AND n > 0 GROUP BY user_id`;

type BucketsRow = [userId: string, values: string, counts: string];

type PeriodRow = [userId: string, handled: number, ratingSum: number, ratings: number, delays: string | null];

/** The leaderboard's read model on SQLite: resolutions per person. */
export class LeaderboardRepo {
  constructor(private readonly db: Db) {}

  /**
   * Tickets resolved in [from, to) (all time when null), counted from the
   * tickets themselves, through an index that covers who, how fast and how
   * rated (migration 0017), so a full duty period of some 20,000 tickets is
   * read without touching their rows.
   */
  between(workspaceId: string, from: number | null, to: number | null): LeaderboardStats {
    const rows = statement(this.db, periodSql)
      .raw(true)
      .all(workspaceId, from ?? 0, to ?? Number.MAX_SAFE_INTEGER) as PeriodRow[];
    return statsFromPeriod(
      rows.map(([userId, handled, ratingSum, ratings, delays]) => ({
        userId,
        handled,
        ratingSum,
        ratings,
        responses: delays ? Float64Array.from(delays.split(','), Number) : new Float64Array(0),
      })),
    );
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
    // Packed per person as the period's delays are: a few thousand buckets each, over twenty people.
    const packed = statement(this.db, bucketsSql).raw(true).all(workspaceId) as BucketsRow[];
    const buckets = packed.flatMap(([userId, values, counts]) => {
      const ns = counts.split(',');
      return values.split(',').map((value, i) => ({ userId, value: Number(value), n: Number(ns[i]) }));
    });
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
