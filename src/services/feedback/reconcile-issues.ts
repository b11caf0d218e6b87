import type { Ctx } from '../context';
import type { IssueTracker, TrackerIssue } from '../ports/issue-tracker';
import { inTransaction } from '../transaction';
import { applyIssueState, applyIssueTransfer } from './apply-issue-change';
import { enqueueWriteback } from './enqueue-writeback';
import { buildDemandSummary } from './write-demand';

/**
 * Per 15-minute run at most this many issues per provider are polled: 4 runs
 * an hour stay far below GitHub's 5,000 and Linear's 1,500 requests an hour.
 */
export const reconcileBatch = { github: 100, linear: 50 } as const;

/**
 * Catches what webhooks missed: polls linked open issues (least recently
 * checked first), announces closes, follows transfers, and re-queues
 * write-backs whose numbers are out of date. A tracker that fails stops its
 * own polling for this run; the other goes on.
 */
export async function reconcileIssues({ ctx }: { ctx: Ctx }): Promise<{ checked: number; closed: number }> {
  let checked = 0;
  let closed = 0;
  // Visibility read during this run counts as fresh; anything older is read again.
  const runStart = ctx.clock.now().getTime();
  for (const tracker of Object.values(ctx.trackers) as IssueTracker[]) {
    const rows = await ctx.repos.feedback.openLinkedIssues(
      ctx.workspaceId,
      tracker.provider,
      reconcileBatch[tracker.provider],
    );
    for (const row of rows) {
      let fresh: TrackerIssue | null;
      try {
        fresh = await tracker.get(row.externalId);
        if (fresh && tracker.visibilityOf) {
          const at = ctx.clock.now().getTime();
          fresh = { ...fresh, isPrivate: await tracker.visibilityOf(fresh, at, Math.max(0, at - runStart)) };
        }
      } catch (err) {
        ctx.log.warn({ err, provider: tracker.provider }, 'feedback: reconcile stopped for this tracker');
        break;
      }
      checked++;
      if (await reconcileOne(ctx, tracker.provider, row, fresh)) closed++;
    }
  }
  return { checked, closed };
}

/** One polled issue, in one unit of work; true when it was found closed (and announced). */
async function reconcileOne(
  ctx: Ctx,
  provider: 'github' | 'linear',
  row: { id: number; externalId: string; state: 'open' | 'closed'; isPrivate: boolean; provider: 'github' | 'linear' },
  fresh: TrackerIssue | null,
): Promise<boolean> {
  const now = ctx.clock.now().getTime();
  return inTransaction(ctx, async (tx) => {
    const feedback = tx.repos.feedback;
    await feedback.touchIssue(row.id, now);
    if (!fresh) return false;
    let closed = false;
    if (fresh.externalId !== row.externalId && provider === 'github')
      await applyIssueTransfer({ ctx: tx, input: { fromExternalId: row.externalId, to: fresh } });
    if (fresh.state !== row.state) {
      const res = await applyIssueState({
        ctx: tx,
        input: {
          provider,
          externalId: fresh.externalId,
          state: fresh.state,
          reason: fresh.closedReason,
          title: fresh.title,
        },
      });
      closed = res.changed && fresh.state === 'closed';
    }
    // A repository made public has its comment rewritten without names now, not at the next link.
    const visibilityChanged = fresh.isPrivate !== row.isPrivate;
    if (visibilityChanged) await feedback.upsertIssue(tx.workspaceId, fresh, now);
    const built = await buildDemandSummary(tx, row.id);
    const last = await feedback.writeback(row.id);
    if (built && (visibilityChanged || last?.lastText !== built.summary.text)) await enqueueWriteback(tx, row);
    return closed;
  });
}
