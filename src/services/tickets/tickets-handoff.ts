import { and, eq, gte, isNotNull, lt, ne, sql } from 'drizzle-orm';
import { tickets } from '../../adapters/db/schema';
import type { DutyPeriod } from '../../domain/rotation/rotation';
import type { Ctx } from '../context';
import type { HandoffSection } from '../ports/messages/rotation';
import { leaderboardBetween } from './get-leaderboard';

/** The handoff message's tickets section: handled in the period, open carried over, the period's leaderboard. */
export function ticketsHandoffSection(ctx: Ctx, period: DutyPeriod): HandoffSection[] {
  const from = period.start.getTime();
  const to = period.end.getTime();
  const count = (where: ReturnType<typeof and>) =>
    ctx.db.select({ n: sql<number>`count(*)` }).from(tickets).where(where).get()?.n ?? 0;
  const handled = count(
    and(
      eq(tickets.workspaceId, ctx.workspaceId),
      isNotNull(tickets.resolvedAt),
      gte(tickets.resolvedAt, from),
      lt(tickets.resolvedAt, to),
    ),
  );
  const open = count(and(eq(tickets.workspaceId, ctx.workspaceId), ne(tickets.status, 'resolved')));
  const board = leaderboardBetween(ctx, from, to, period.onDuty);
  return [{ kind: 'tickets', handled, open, leaderboard: board, team: period.team.name }];
}
