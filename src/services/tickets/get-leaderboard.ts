import { and, eq, gt, sql } from 'drizzle-orm';
import { leaderboardPeople, leaderboardResponses, members, tickets } from '../../adapters/db/schema';
import { buildLeaderboardFromStats, median, medianOfCounts, type Leaderboard } from '../../domain/tickets/leaderboard';
import type { Ctx } from '../context';
import { dutyTeamAt } from './duty-team';

export interface LeaderboardResult extends Leaderboard {
  period: 'current' | 'all';
  team: string | null;
  from: number | null;
  to: number | null;
}

/** Tickets resolved per person in [from, to) (or all time), with `onDuty` listed even at zero. Aggregated in SQL. */
export function leaderboardBetween(ctx: Ctx, from: number | null, to: number | null, onDuty: string[]): Leaderboard {
  const range = sql`${tickets.workspaceId} = ${ctx.workspaceId} AND ${tickets.resolvedAt} IS NOT NULL AND ${tickets.resolvedBy} IS NOT NULL
    AND ${tickets.resolvedAt} >= ${from ?? 0} AND ${tickets.resolvedAt} < ${to ?? Number.MAX_SAFE_INTEGER}`;
  const people = ctx.db.all<{ userId: string; handled: number; ratingSum: number | null; ratings: number }>(sql`
    SELECT resolved_by AS userId, count(*) AS handled, sum(rating) AS ratingSum, count(rating) AS ratings
    FROM ${tickets} WHERE ${range} GROUP BY resolved_by`);
  // Medians: the middle one or two response times per person, picked by window functions.
  const middles = ctx.db.all<{ userId: string; d: number; rn: number; c: number }>(sql`
    SELECT userId, d, rn, c FROM (
      SELECT resolved_by AS userId, first_response_at - created_at AS d,
        row_number() OVER (PARTITION BY resolved_by ORDER BY first_response_at - created_at) AS rn,
        count(*) OVER (PARTITION BY resolved_by) AS c
      FROM ${tickets} WHERE ${range} AND first_response_at IS NOT NULL)
    WHERE rn IN ((c + 1) / 2, (c + 2) / 2)`);
  const totalMiddles = ctx.db.all<{ d: number }>(sql`
    WITH r AS (SELECT first_response_at - created_at AS d FROM ${tickets} WHERE ${range} AND first_response_at IS NOT NULL)
    SELECT d FROM r ORDER BY d LIMIT 2 - (SELECT count(*) FROM r) % 2 OFFSET ((SELECT count(*) FROM r) - 1) / 2`);
  const medianOf = new Map<string, number[]>();
  for (const m of middles) medianOf.set(m.userId, [...(medianOf.get(m.userId) ?? []), m.d]);
  return buildLeaderboardFromStats(
    people.map((p) => ({
      userId: p.userId,
      handled: p.handled,
      ratingSum: p.ratingSum ?? 0,
      ratings: p.ratings,
      medianFirstResponseMs: median(medianOf.get(p.userId) ?? []),
    })),
    median(totalMiddles.map((m) => m.d)),
    onDuty,
    memberNames(ctx),
  );
}

/**
 * All time, from the tables the tickets triggers keep (see migration
 * 0009_leaderboard_triggers): medians exact to the response bucket (6 s under
 * an hour), read in milliseconds however many tickets there are.
 */
export function leaderboardAllTime(ctx: Ctx, onDuty: string[]): Leaderboard {
  const people = ctx.db
    .select({
      userId: leaderboardPeople.userId,
      handled: leaderboardPeople.handled,
      ratingSum: leaderboardPeople.ratingSum,
      ratings: leaderboardPeople.ratings,
    })
    .from(leaderboardPeople)
    .where(and(eq(leaderboardPeople.workspaceId, ctx.workspaceId), gt(leaderboardPeople.handled, 0)))
    .all();
  const buckets = ctx.db
    .select({ userId: leaderboardResponses.userId, value: leaderboardResponses.bucket, n: leaderboardResponses.n })
    .from(leaderboardResponses)
    .where(and(eq(leaderboardResponses.workspaceId, ctx.workspaceId), gt(leaderboardResponses.n, 0)))
    .all();
  const byUser = new Map<string, { value: number; n: number }[]>();
  const overall = new Map<number, number>();
  for (const b of buckets) {
    const own = byUser.get(b.userId);
    if (own) own.push(b);
    else byUser.set(b.userId, [b]);
    overall.set(b.value, (overall.get(b.value) ?? 0) + b.n);
  }
  return buildLeaderboardFromStats(
    people.map((p) => ({ ...p, medianFirstResponseMs: medianOfCounts(byUser.get(p.userId) ?? []) })),
    medianOfCounts([...overall].map(([value, n]) => ({ value, n }))),
    onDuty,
    memberNames(ctx),
  );
}

function memberNames(ctx: Ctx): (userId: string) => string {
  const names = new Map(
    ctx.db
      .select({ id: members.slackUserId, name: members.name })
      .from(members)
      .where(eq(members.workspaceId, ctx.workspaceId))
      .all()
      .map((m) => [m.id, m.name ?? m.id]),
  );
  return (id) => names.get(id) ?? id;
}

/** Tickets resolved per person in the current duty period, or all time. */
export function getLeaderboard({ ctx, input }: { ctx: Ctx; input: { period: 'current' | 'all' } }): LeaderboardResult {
  const duty = input.period === 'current' ? dutyTeamAt(ctx) : null;
  const from = duty ? duty.start : null;
  const to = duty ? duty.end : null;
  const board = duty ? leaderboardBetween(ctx, from, to, duty.onDuty) : leaderboardAllTime(ctx, []);
  return { ...board, period: input.period, team: duty?.name ?? null, from, to };
}
