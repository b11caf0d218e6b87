import { windowRange, type DemandWindow } from '../../domain/feedback/demand';
import type { Ctx } from '../context';
import type { DemandRow } from '../ports/feedback';

export interface DemandBoardRow extends DemandRow {
  /** The previous window of the same length; null for 'all'. */
  previousCustomers: number | null;
  previousTickets: number | null;
  customersChange: number | null;
  /** All-time first and last ticket (epoch ms). */
  firstSeen: number;
  lastSeen: number;
}

/** The demand board: issues ranked by distinct customers in the window, with the change against the window before. */
export async function getDemand({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { window: DemandWindow; limit?: number };
}): Promise<DemandBoardRow[]> {
  const range = windowRange(input.window, ctx.clock.now().getTime());
  const board = await ctx.repos.demand.board({
    workspaceId: ctx.workspaceId,
    // All time is read from the trigger-kept totals, which count every link whatever its time.
    range: input.window === 'all' ? null : { from: range.from, to: range.to },
    previous: range.previous,
    limit: Math.max(1, Math.min(input.limit ?? 100, 1000)),
  });
  const prev = board.previous ? new Map(board.previous.map((r) => [r.issueId, r])) : null;
  const seen = new Map(board.seen.map((r) => [r.issueId, r]));
  return board.top.map((r) => {
    const p = prev ? (prev.get(r.issueId) ?? { tickets: 0, customers: 0 }) : null;
    const s = seen.get(r.issueId);
    return {
      ...r,
      previousCustomers: p ? p.customers : null,
      previousTickets: p ? p.tickets : null,
      customersChange: p ? r.customers - p.customers : null,
      firstSeen: s?.firstSeen ?? 0,
      lastSeen: s?.lastSeen ?? 0,
    };
  });
}
