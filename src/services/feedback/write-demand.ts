import { summariseDemand } from '../../domain/feedback/demand';
import { mayShareCustomerData } from '../../domain/feedback/privacy';
import { demandLine } from '../../domain/feedback/writeback-text';
import type { Ctx } from '../context';
import type { DemandSummary, TrackerIssue } from '../ports/issue-tracker';

export function dashboardUrlOf(ctx: Ctx, issueId: number): string {
  const base = (ctx.config.env.publicUrl ?? `http://localhost:${ctx.config.env.port}`).replace(/\/$/, '');
  return `${base}/issues/${issueId}`;
}

/**
 * What goes into the tracker for one issue: the numbers line, the dashboard
 * link and — only when the config allows it and the issue is not public —
 * the customers (on Linear only those not sent before).
 */
export async function buildDemandSummary(
  ctx: Ctx,
  issueId: number,
): Promise<{ issue: TrackerIssue; summary: DemandSummary } | null> {
  const repo = ctx.repos.feedback;
  const row = await repo.issue(ctx.workspaceId, issueId);
  if (!row || row.mergedIntoId !== null) return null;
  const links = await repo.linksOfIssue(ctx.workspaceId, issueId);
  const demand = summariseDemand(
    links.map((l) => ({ ticketId: l.ticketId, customerKey: l.customerKey, ticketCreatedAt: l.ticketCreatedAt })),
    ctx.clock.now().getTime(),
  );
  const share = mayShareCustomerData({
    allowCustomerData: ctx.config.file.feedback.allowCustomerData,
    provider: row.provider,
    isPrivate: row.isPrivate,
  });
  let customers: DemandSummary['customers'] = [];
  if (share) {
    const sent = row.provider === 'linear' ? await repo.sentNeeds(issueId) : new Set<string>();
    customers = (await repo.customersOfIssue(ctx.workspaceId, issueId))
      .filter((c) => !sent.has(c.key) && !c.key.startsWith('ticket:'))
      .map((c) => ({
        key: c.key,
        name: c.name ?? undefined,
        email: c.email ?? undefined,
        company: c.company ?? undefined,
      }));
  }
  return {
    issue: {
      provider: row.provider,
      externalId: row.externalId,
      key: row.key,
      title: row.title,
      url: row.url,
      state: row.state,
      isPrivate: row.isPrivate,
    },
    summary: {
      text: demandLine(demand, ctx.config.file.timezone),
      dashboardUrl: dashboardUrlOf(ctx, issueId),
      customers,
    },
  };
}
