import { buildLeaderboardFromStats, type Leaderboard } from '../../domain/tickets/leaderboard';
import type { Ctx } from '../context';
import type { LeaderboardStats } from '../ports/tickets';
import { dutyTeamAt } from './duty-team';

export interface LeaderboardResult extends Leaderboard {
  period: 'current' | 'all';
  team: string | null;
  from: number | null;
  to: number | null;
}

/** Tickets resolved per person in [from, to) (or all time), with `onDuty` listed even at zero. Aggregated in SQL. */
export async function leaderboardBetween(
  ctx: Ctx,
  from: number | null,
  to: number | null,
  onDuty: string[],
): Promise<Leaderboard> {
  return boardOf(ctx, await ctx.repos.leaderboard.between(ctx.workspaceId, from, to), onDuty);
}

/**
 * All time, from the totals the tickets triggers keep: medians exact to the
 * response bucket (6 s under an hour), read in milliseconds however many tickets there are.
 */
export async function leaderboardAllTime(ctx: Ctx, onDuty: string[]): Promise<Leaderboard> {
  return boardOf(ctx, await ctx.repos.leaderboard.allTime(ctx.workspaceId), onDuty);
}

async function boardOf(ctx: Ctx, stats: LeaderboardStats, onDuty: string[]): Promise<Leaderboard> {
  const names = await ctx.repos.leaderboard.memberNames(ctx.workspaceId);
  return buildLeaderboardFromStats(stats.people, stats.medianFirstResponseMs, onDuty, (id) => names.get(id) ?? id);
}

/** Tickets resolved per person in the current duty period, or all time. */
export async function getLeaderboard({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { period: 'current' | 'all' };
}): Promise<LeaderboardResult> {
  const duty = input.period === 'current' ? await dutyTeamAt(ctx) : null;
  const from = duty ? duty.start : null;
  const to = duty ? duty.end : null;
  const board = duty ? await leaderboardBetween(ctx, from, to, duty.onDuty) : await leaderboardAllTime(ctx, []);
  return { ...board, period: input.period, team: duty?.name ?? null, from, to };
}
