import type { Ctx } from '../../services/context';
import { applyIssueState, applyIssueTransfer } from '../../services/feedback/apply-issue-change';
import { enqueueWriteback } from '../../services/feedback/enqueue-writeback';
import { buildDemandSummary } from '../../services/feedback/write-demand';
import type { IssueTracker } from '../../services/ports/issue-tracker';
import { FeedbackRepo } from '../db/feedback.repo';
import { withTransaction } from '../db/transaction';
import type { ScheduledJob } from './scheduler';

export const reconcileJobName = 'feedback.reconcile';

/**
 * Per 15-minute run at most this many issues per provider are polled: 4 runs
 * an hour stay far below GitHub's 5,000 and Linear's 1,500 requests an hour.
 */
export const reconcileBatch = { github: 100, linear: 50 } as const;

/**
 * Catches what webhooks missed: polls linked open issues (least recently
 * checked first), announces closes, follows transfers, and re-queues
 * write-backs whose numbers are out of date.
 */
export async function runReconcile(ctx: Ctx): Promise<{ checked: number; closed: number }> {
  const repo = new FeedbackRepo(ctx.db);
  let checked = 0;
  let closed = 0;
  // Visibility read during this run counts as fresh; anything older is read again.
  const runStart = ctx.clock.now().getTime();
  for (const tracker of Object.values(ctx.trackers) as IssueTracker[]) {
    for (const row of repo.openLinkedIssues(ctx.workspaceId, tracker.provider, reconcileBatch[tracker.provider])) {
      let fresh: Awaited<ReturnType<typeof tracker.get>>;
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
      const now = ctx.clock.now().getTime();
      withTransaction(ctx, (tx) => {
        const r = new FeedbackRepo(tx.db);
        r.touchIssue(row.id, now);
        if (!fresh) return;
        if (fresh.externalId !== row.externalId && tracker.provider === 'github') {
          applyIssueTransfer({ ctx: tx, input: { fromExternalId: row.externalId, to: fresh } });
        }
        if (fresh.state !== row.state) {
          const res = applyIssueState({
            ctx: tx,
            input: {
              provider: tracker.provider,
              externalId: fresh.externalId,
              state: fresh.state,
              reason: fresh.closedReason,
              title: fresh.title,
            },
          });
          if (res.changed && fresh.state === 'closed') closed++;
        }
        // A repository made public has its comment rewritten without names now, not at the next link.
        const visibilityChanged = fresh.isPrivate !== row.isPrivate;
        if (visibilityChanged) r.upsertIssue(tx.workspaceId, fresh, now);
        const built = buildDemandSummary(tx, row.id);
        const last = r.writeback(row.id);
        if (built && (visibilityChanged || last?.lastText !== built.summary.text)) enqueueWriteback(tx, row);
      });
    }
  }
  return { checked, closed };
}

export function reconcileJobs(ctx: Ctx): ScheduledJob[] {
  return [{ name: reconcileJobName, cron: '*/15 * * * *', run: async () => void (await runReconcile(ctx)) }];
}
