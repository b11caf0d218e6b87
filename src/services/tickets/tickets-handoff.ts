import type { DutyPeriod } from '../../domain/rotation/rotation';
import type { Ctx } from '../context';
import type { HandoffSection } from '../ports/messages/rotation';
import { leaderboardBetween } from './get-leaderboard';

/** The handoff message's tickets section: handled in the period, open carried over, the period's leaderboard. */
export async function ticketsHandoffSection(ctx: Ctx, period: DutyPeriod): Promise<HandoffSection[]> {
  const from = period.start.getTime();
  const to = period.end.getTime();
  const handled = await ctx.repos.tickets.countResolvedBetween(ctx.workspaceId, from, to);
  const open = await ctx.repos.tickets.countOpen(ctx.workspaceId);
  const board = await leaderboardBetween(ctx, from, to, period.onDuty);
  return [{ kind: 'tickets', handled, open, leaderboard: board, team: period.team.name }];
}
