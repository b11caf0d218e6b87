import { DateTime } from 'luxon';
import { summariseDemand, type IssueDemand } from '../../domain/feedback/demand';
import { NotFoundError } from '../../domain/errors';
import type { Ctx } from '../context';
import type { Issue } from '../ports/feedback';

export interface IssueDemandDetail {
  issue: Issue;
  counts: IssueDemand;
  /** Per week (weeks start on Monday, in the organisation's time zone), oldest first; only weeks with tickets. */
  weekly: { weekStart: number; customers: number; tickets: number }[];
  /** Linked tickets, newest first (the verbatim quotes). */
  tickets: {
    ticketId: number;
    customerKey: string;
    createdAt: number;
    subject: string | null;
    text: string;
    status: string;
    permalink: string | null;
  }[];
}

export async function getIssueDemand({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { issueId: number };
}): Promise<IssueDemandDetail> {
  const issue = await ctx.repos.feedback.issue(ctx.workspaceId, input.issueId);
  if (!issue) throw new NotFoundError(`No issue ${input.issueId}`);
  const rows = await ctx.repos.demand.linkedTickets(ctx.workspaceId, issue.id);
  const zone = ctx.config.file.timezone;
  const weeks = new Map<number, { tickets: number; customers: Set<string> }>();
  for (const r of rows) {
    const ws = DateTime.fromMillis(r.ticketCreatedAt, { zone }).startOf('week').toMillis();
    const w = weeks.get(ws) ?? { tickets: 0, customers: new Set<string>() };
    w.tickets += 1;
    w.customers.add(r.customerKey);
    weeks.set(ws, w);
  }
  return {
    issue,
    counts: summariseDemand(
      rows.map((r) => ({ ticketId: r.ticketId, customerKey: r.customerKey, ticketCreatedAt: r.ticketCreatedAt })),
      ctx.clock.now().getTime(),
    ),
    weekly: [...weeks.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([weekStart, w]) => ({ weekStart, tickets: w.tickets, customers: w.customers.size })),
    tickets: rows.map((r) => ({
      ticketId: r.ticketId,
      customerKey: r.customerKey,
      createdAt: r.ticketCreatedAt,
      subject: r.subject,
      text: r.text,
      status: r.status,
      permalink: r.permalink,
    })),
  };
}
