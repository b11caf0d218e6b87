import { FeedbackDemandRepo, type DemandRow } from '../../adapters/db/feedback-demand.repo';
import { windowRange, type DemandWindow } from '../../domain/feedback/demand';
import type { Ctx } from '../context';

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
export function getDemand({ ctx, input }: { ctx: Ctx; input: { window: DemandWindow; limit?: number } }): DemandBoardRow[] {
  const repo = new FeedbackDemandRepo(ctx.db);
  const ws = ctx.workspaceId;
  const range = windowRange(input.window, ctx.clock.now().getTime());
  const limit = Math.max(1, Math.min(input.limit ?? 100, 1000));
  const top = repo.topIssues(ws, range.from, range.to, limit);
  const ids = top.map((r) => r.issueId);
  const prev = range.previous ? new Map(repo.countsFor(ws, ids, range.previous.from, range.previous.to).map((r) => [r.issueId, r])) : null;
  const seen = new Map(repo.seenFor(ws, ids).map((r) => [r.issueId, r]));
  return top.map((r) => {
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
