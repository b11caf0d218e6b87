import { and, eq, gt, sql } from 'drizzle-orm';
import { median, statsFromBuckets } from '../../domain/tickets/leaderboard';
import type { LeaderboardStats } from '../../services/ports/tickets';
import type { Db } from './client';
import { leaderboardPeople, leaderboardResponses, members, tickets } from './schema';

/** The leaderboard's read model on SQLite: resolutions per person, aggregated in SQL. */
export class LeaderboardRepo {
  constructor(private readonly db: Db) {}

  /** Tickets resolved in [from, to) (all time when null), counted from the tickets themselves. */
  between(workspaceId: string, from: number | null, to: number | null): LeaderboardStats {
    const range = sql`${tickets.workspaceId} = ${workspaceId} AND ${tickets.resolvedAt} IS NOT NULL AND ${tickets.resolvedBy} IS NOT NULL
    AND ${tickets.resolvedAt} >= ${from ?? 0} AND ${tickets.resolvedAt} < ${to ?? Number.MAX_SAFE_INTEGER}`;
    const people = this.db.all<{ userId: string; handled: number; ratingSum: number | null; ratings: number }>(sql`
    SELECT resolved_by AS userId, count(*) AS handled, sum(rating) AS ratingSum, count(rating) AS ratings
    FROM ${tickets} WHERE ${range} GROUP BY resolved_by`);
    // Medians: the middle one or two response times per person, picked by window functions.
    const middles = this.db.all<{ userId: string; d: number; rn: number; c: number }>(sql`
    SELECT userId, d, rn, c FROM (
      SELECT resolved_by AS userId, first_response_at - created_at AS d,
        row_number() OVER (PARTITION BY resolved_by ORDER BY first_response_at - created_at) AS rn,
        count(*) OVER (PARTITION BY resolved_by) AS c
      FROM ${tickets} WHERE ${range} AND first_response_at IS NOT NULL)
    WHERE rn IN ((c + 1) / 2, (c + 2) / 2)`);
    const totalMiddles = this.db.all<{ d: number }>(sql`
    WITH r AS (SELECT first_response_at - created_at AS d FROM ${tickets} WHERE ${range} AND first_response_at IS NOT NULL)
    SELECT d FROM r ORDER BY d LIMIT 2 - (SELECT count(*) FROM r) % 2 OFFSET ((SELECT count(*) FROM r) - 1) / 2`);
    const medianOf = new Map<string, number[]>();
    for (const m of middles) medianOf.set(m.userId, [...(medianOf.get(m.userId) ?? []), m.d]);
    return {
      people: people.map((p) => ({
        userId: p.userId,
        handled: p.handled,
        ratingSum: p.ratingSum ?? 0,
        ratings: p.ratings,
        medianFirstResponseMs: median(medianOf.get(p.userId) ?? []),
      })),
      medianFirstResponseMs: median(totalMiddles.map((m) => m.d)),
    };
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
