import { and, eq, gte, isNotNull, lt } from 'drizzle-orm';
import { members, tickets } from '../../adapters/db/schema';
import { buildLeaderboard, type Leaderboard } from '../../domain/tickets/leaderboard';
import type { Ctx } from '../context';
import { dutyTeamAt } from './duty-team';

export interface LeaderboardResult extends Leaderboard {
  period: 'current' | 'all';
  team: string | null;
  from: number | null;
  to: number | null;
}

/** Tickets resolved per person in [from, to) (or all time), with `onDuty` listed even at zero. */
export function leaderboardBetween(ctx: Ctx, from: number | null, to: number | null, onDuty: string[]): Leaderboard {
  const rows = ctx.db
    .select({ resolvedBy: tickets.resolvedBy, createdAt: tickets.createdAt, firstResponseAt: tickets.firstResponseAt, rating: tickets.rating })
    .from(tickets)
    .where(and(
      eq(tickets.workspaceId, ctx.workspaceId),
      isNotNull(tickets.resolvedAt),
      from !== null ? gte(tickets.resolvedAt, from) : undefined,
      to !== null ? lt(tickets.resolvedAt, to) : undefined,
    ))
    .all();
  const names = new Map(
    ctx.db.select({ id: members.slackUserId, name: members.name }).from(members).where(eq(members.workspaceId, ctx.workspaceId)).all().map((m) => [m.id, m.name ?? m.id]),
  );
  return buildLeaderboard(
    rows.flatMap((r) => (r.resolvedBy ? [{ resolvedBy: r.resolvedBy, createdAt: r.createdAt, firstResponseAt: r.firstResponseAt, rating: r.rating }] : [])),
    onDuty,
    (id) => names.get(id) ?? id,
  );
}

/** Tickets resolved per person in the current duty period, or all time. */
export function getLeaderboard({ ctx, input }: { ctx: Ctx; input: { period: 'current' | 'all' } }): LeaderboardResult {
  const duty = input.period === 'current' ? dutyTeamAt(ctx) : null;
  const from = duty ? duty.start : null;
  const to = duty ? duty.end : null;
  const board = leaderboardBetween(ctx, from, to, duty?.onDuty ?? []);
  return { ...board, period: input.period, team: duty?.name ?? null, from, to };
}
