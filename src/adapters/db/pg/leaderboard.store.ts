import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { statsFromBuckets } from '../../../domain/tickets/leaderboard';
import type { LeaderboardStats, LeaderboardStore } from '../../../services/ports/tickets';
import type { PgDb } from './client';
import { leaderboardPeople, leaderboardResponses, members, tickets } from './schema';

/** The leaderboard's read model on PostgreSQL: resolutions per person, aggregated in SQL. */
export class PgLeaderboardStore implements LeaderboardStore {
  constructor(private readonly db: PgDb) {}

  /** Medians by percentile_cont(0.5): the middle value, or the mean of the middle two, as on SQLite. */
  async between(workspaceId: string, from: number | null, to: number | null): Promise<LeaderboardStats> {
    const range = sql`${tickets.workspaceId} = ${workspaceId} AND ${tickets.resolvedAt} IS NOT NULL
      AND ${tickets.resolvedBy} IS NOT NULL
      AND ${tickets.resolvedAt} >= ${from ?? 0} AND ${tickets.resolvedAt} < ${to ?? Number.MAX_SAFE_INTEGER}`;
    const responseMs = sql`${tickets.firstResponseAt} - ${tickets.createdAt}`;
    const people = await this.db.execute<{
      userId: string;
      handled: number;
      ratingSum: number | null;
      ratings: number;
      medianFirstResponseMs: number | null;
    }>(sql`
      SELECT resolved_by AS "userId", count(*) AS handled, sum(rating) AS "ratingSum", count(rating) AS ratings,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY ${responseMs}) AS "medianFirstResponseMs"
      FROM ${tickets} WHERE ${range} GROUP BY resolved_by ORDER BY resolved_by`);
    const [total] = (
      await this.db.execute<{ median: number | null }>(sql`
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ${responseMs}) AS median FROM ${tickets} WHERE ${range}`)
    ).rows;
    return {
      people: people.rows.map((p) => ({
        userId: p.userId,
        handled: p.handled,
        ratingSum: p.ratingSum ?? 0,
        ratings: p.ratings,
        medianFirstResponseMs: p.medianFirstResponseMs,
      })),
      medianFirstResponseMs: total?.median ?? null,
    };
  }

  /** From the tables the tickets triggers keep (migrations/postgres 0001): medians exact to the response bucket. */
  async allTime(workspaceId: string): Promise<LeaderboardStats> {
    const people = await this.db
      .select({
        userId: leaderboardPeople.userId,
        handled: leaderboardPeople.handled,
        ratingSum: leaderboardPeople.ratingSum,
        ratings: leaderboardPeople.ratings,
      })
      .from(leaderboardPeople)
      .where(and(eq(leaderboardPeople.workspaceId, workspaceId), gt(leaderboardPeople.handled, 0)))
      .orderBy(asc(leaderboardPeople.userId));
    const buckets = await this.db
      .select({ userId: leaderboardResponses.userId, value: leaderboardResponses.bucket, n: leaderboardResponses.n })
      .from(leaderboardResponses)
      .where(and(eq(leaderboardResponses.workspaceId, workspaceId), gt(leaderboardResponses.n, 0)));
    return statsFromBuckets(people, buckets);
  }

  async memberNames(workspaceId: string): Promise<Map<string, string>> {
    const rows = await this.db
      .select({ id: members.slackUserId, name: members.name })
      .from(members)
      .where(eq(members.workspaceId, workspaceId));
    return new Map(rows.map((m) => [m.id, m.name ?? m.id]));
  }
}
