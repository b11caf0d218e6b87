import { TokenBucket, nextWriteAt, providerLimits } from '../../domain/feedback/token-bucket';
import type { Ctx } from '../../services/context';
import { enqueueWriteback, writebackKind } from '../../services/feedback/enqueue-writeback';
import { buildDemandSummary } from '../../services/feedback/write-demand';
import { PermanentError, RetryLaterError, classifyError } from './errors';
import type { OutboxHandler } from './worker';
import type { IssueTracker } from '../../services/ports/issue-tracker';
import { inTransaction } from '../../services/transaction';

/** A repository's visibility is read again before a write when the last read is older than this. */
export const visibilityMaxAgeMs = 5 * 60_000;

type Built = NonNullable<Awaited<ReturnType<typeof buildDemandSummary>>>;

/**
 * Re-checks where the issue lives before writing: a repository made public
 * since the last check is recorded as such, and the summary rebuilt without
 * customers, so they never reach it.
 */
async function withFreshVisibility(
  ctx: Ctx,
  tracker: IssueTracker,
  issueId: number,
  built: Built,
  now: number,
): Promise<Built> {
  if (!tracker.visibilityOf) return built;
  const isPrivate = await tracker.visibilityOf(built.issue, now, visibilityMaxAgeMs);
  if (isPrivate === built.issue.isPrivate) return built;
  ctx.log.info({ issue: built.issue.key, isPrivate }, "feedback: the issue's repository changed visibility");
  await inTransaction(ctx, async (tx) => {
    await tx.repos.feedback.upsertIssue(tx.workspaceId, { ...built.issue, isPrivate }, now);
  });
  return (
    (await buildDemandSummary(ctx, issueId)) ?? {
      ...built,
      issue: { ...built.issue, isPrivate },
      summary: { ...built.summary, customers: [] },
    }
  );
}

function isRateLimit(err: unknown): boolean {
  const e = err as { status?: number; type?: string; message?: string };
  if (e?.status === 429) return true;
  if (e?.status === 403 && /rate limit|abuse|secondary/i.test(String(e.message))) return true;
  return e?.type === 'Ratelimited' || /RATELIMITED/.test(String(e?.message));
}

/**
 * Performs queued write-backs: one write per issue per minute (an early row
 * re-queues itself for the right minute instead of burning retries). GitHub's
 * rate limits are handled by Octokit's throttling plugin; Linear, which has no
 * such plugin, gets a token bucket below its hourly limit. A rate-limit answer
 * that outlasts the plugin pauses that provider for the time it asked.
 */
export function writebackHandlers(
  ctx: Ctx,
  limits: Partial<Record<'linear', { perHour: number; burst: number }>> = {},
): Record<string, OutboxHandler> {
  const linearLimit = limits.linear ?? providerLimits.linear;
  const linearBucket = TokenBucket.perHour(linearLimit.perHour, linearLimit.burst, ctx.clock.now().getTime());
  const pausedUntil = { github: 0, linear: 0 };

  /** When the provider may be called again (now when it may), taking a Linear token if so. */
  const admitAt = (provider: 'github' | 'linear', cost: number, now: number): number => {
    if (now < pausedUntil[provider]) return pausedUntil[provider];
    if (provider === 'github') return now;
    const token = linearBucket.take(now, Math.min(cost, linearBucket.capacity));
    return token.ok ? now : now + token.waitMs;
  };

  const requeue = (issueId: number, provider: 'github' | 'linear', at: number) =>
    enqueueWriteback(ctx, { id: issueId, provider }, at, true);

  return {
    [writebackKind]: async (job) => {
      const { issueId } = job.payload as { issueId: number };
      const built = await buildDemandSummary(ctx, issueId);
      if (!built) return { skipped: 'issue gone or merged' };
      let { issue, summary } = built;
      const tracker = ctx.trackers[issue.provider];
      if (!tracker) throw new PermanentError(`${issue.provider} is not connected`);
      const now = ctx.clock.now().getTime();
      const last = await ctx.repos.feedback.writeback(issueId);
      const due = nextWriteAt(last?.lastWrittenAt ?? null, now);
      if (due > now) {
        await requeue(issueId, issue.provider, due);
        return { deferredTo: due };
      }
      const at = admitAt(issue.provider, 1 + summary.customers.length * 2, now);
      if (at > now) {
        await requeue(issueId, issue.provider, at);
        return { deferredTo: at };
      }
      try {
        ({ issue, summary } = await withFreshVisibility(ctx, tracker, issueId, built, now));
        await tracker.writeDemand(issue, summary);
      } catch (err) {
        if (isRateLimit(err)) {
          const wait = Math.max(classifyError(err).retryAfterMs ?? 60_000, 1_000);
          pausedUntil[issue.provider] = Math.max(pausedUntil[issue.provider], ctx.clock.now().getTime() + wait);
          ctx.log.warn({ provider: issue.provider, waitMs: wait }, 'feedback: tracker rate limit, backing off');
          throw new RetryLaterError(`${issue.provider} rate limit`, wait);
        }
        const status = (err as { status?: number }).status;
        if (status === 404 || status === 410) throw new PermanentError(`${issue.key} no longer exists`);
        throw err;
      }
      await inTransaction(ctx, async (tx) => {
        const r = tx.repos.feedback;
        await r.recordWriteback(tx.workspaceId, issueId, summary.text, ctx.clock.now().getTime());
        if (issue.provider === 'linear')
          await r.recordNeeds(
            tx.workspaceId,
            issueId,
            summary.customers.map((c) => c.key),
            now,
          );
      });
      return { written: summary.text };
    },
  };
}
