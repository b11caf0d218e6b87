import { TokenBucket, nextWriteAt, providerLimits } from '../../domain/feedback/token-bucket';
import type { Runtime } from '../../app/runtime';
import { enqueueWriteback, writebackKind } from '../../services/feedback/enqueue-writeback';
import { buildDemandSummary } from '../../services/feedback/write-demand';
import { FeedbackRepo } from '../db/feedback.repo';
import { withTransaction } from '../db/transaction';
import { PermanentError, RetryLaterError, classifyError } from '../outbox/errors';
import type { OutboxHandler } from '../outbox/worker';
import type { IssueTracker } from '../../services/ports/issue-tracker';

/** A repository's visibility is read again before a write when the last read is older than this. */
export const visibilityMaxAgeMs = 5 * 60_000;

type Built = NonNullable<ReturnType<typeof buildDemandSummary>>;

/**
 * Re-checks where the issue lives before writing: a repository made public
 * since the last check is recorded as such, and the summary rebuilt without
 * customers, so they never reach it.
 */
async function withFreshVisibility(rt: Runtime, tracker: IssueTracker, issueId: number, built: Built, now: number): Promise<Built> {
  if (!tracker.visibilityOf) return built;
  const isPrivate = await tracker.visibilityOf(built.issue, now, visibilityMaxAgeMs);
  if (isPrivate === built.issue.isPrivate) return built;
  const { ctx } = rt;
  ctx.log.info({ issue: built.issue.key, isPrivate }, 'feedback: the issue\'s repository changed visibility');
  withTransaction(ctx, (tx) => void new FeedbackRepo(tx.db).upsertIssue(tx.workspaceId, { ...built.issue, isPrivate }, now));
  return buildDemandSummary(ctx, issueId) ?? { ...built, issue: { ...built.issue, isPrivate }, summary: { ...built.summary, customers: [] } };
}

function isRateLimit(err: unknown): boolean {
  const e = err as { status?: number; type?: string; message?: string };
  if (e?.status === 429) return true;
  if (e?.status === 403 && /rate limit|abuse|secondary/i.test(String(e.message))) return true;
  return e?.type === 'Ratelimited' || /RATELIMITED/.test(String(e?.message));
}

/**
 * Performs queued write-backs: one write per issue per minute (an early row
 * re-queues itself for the right minute instead of burning retries), a token
 * bucket per provider below its hourly limit, and a rate-limit answer pauses
 * that provider's bucket for the time the provider asked.
 */
export function writebackHandlers(rt: Runtime, limits: Partial<Record<'github' | 'linear', { perHour: number; burst: number }>> = {}): Record<string, OutboxHandler> {
  const { ctx } = rt;
  const start = ctx.clock.now().getTime();
  const buckets = {
    github: TokenBucket.perHour((limits.github ?? providerLimits.github).perHour, (limits.github ?? providerLimits.github).burst, start),
    linear: TokenBucket.perHour((limits.linear ?? providerLimits.linear).perHour, (limits.linear ?? providerLimits.linear).burst, start),
  };

  const requeue = (issueId: number, provider: 'github' | 'linear', at: number) => {
    enqueueWriteback(ctx, { id: issueId, provider }, at, true);
    rt.outbox.kick();
  };

  return {
    [writebackKind]: async (job) => {
      const { issueId } = job.payload as { issueId: number };
      const built = buildDemandSummary(ctx, issueId);
      if (!built) return { skipped: 'issue gone or merged' };
      let { issue, summary } = built;
      const tracker = ctx.trackers[issue.provider];
      if (!tracker) throw new PermanentError(`${issue.provider} is not connected`);
      const repo = new FeedbackRepo(ctx.db);
      const now = ctx.clock.now().getTime();
      const last = repo.writeback(issueId);
      const due = nextWriteAt(last?.lastWrittenAt ?? null, now);
      if (due > now) {
        requeue(issueId, issue.provider, due);
        return { deferredTo: due };
      }
      const cost = issue.provider === 'github' ? 3 : 1 + summary.customers.length * 2;
      const token = buckets[issue.provider].take(now, Math.min(cost, buckets[issue.provider].capacity));
      if (!token.ok) {
        requeue(issueId, issue.provider, now + token.waitMs);
        return { deferredTo: now + token.waitMs };
      }
      try {
        ({ issue, summary } = await withFreshVisibility(rt, tracker, issueId, built, now));
        await tracker.writeDemand(issue, summary);
      } catch (err) {
        if (isRateLimit(err)) {
          const wait = Math.max(classifyError(err).retryAfterMs ?? 60_000, 1_000);
          buckets[issue.provider].pauseUntil(ctx.clock.now().getTime() + wait);
          ctx.log.warn({ provider: issue.provider, waitMs: wait }, 'feedback: tracker rate limit, backing off');
          throw new RetryLaterError(`${issue.provider} rate limit`, wait);
        }
        const status = (err as { status?: number }).status;
        if (status === 404 || status === 410) throw new PermanentError(`${issue.key} no longer exists`);
        throw err;
      }
      withTransaction(ctx, (tx) => {
        const r = new FeedbackRepo(tx.db);
        r.recordWriteback(tx.workspaceId, issueId, summary.text, ctx.clock.now().getTime());
        if (issue.provider === 'linear') r.recordNeeds(tx.workspaceId, issueId, summary.customers.map((c) => c.key), now);
      });
      return { written: summary.text };
    },
  };
}
