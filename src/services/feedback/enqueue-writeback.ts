import { nextWriteAt } from '../../domain/feedback/token-bucket';
import type { Ctx } from '../context';

export const writebackKind = 'feedback.writeback';

/**
 * Queues the write of an issue's counts into its tracker, in the caller's
 * transaction, for the first minute the issue may be written again. Changes
 * falling in the same minute collapse into one row (the handler reads the
 * counts when it runs): at most one write per issue per minute.
 */
export async function enqueueWriteback(
  ctx: Pick<Ctx, 'repos' | 'clock' | 'workspaceId'>,
  issue: { id: number; provider: 'github' | 'linear' },
  at?: number,
  deferred = false,
): Promise<void> {
  const now = ctx.clock.now().getTime();
  const last = await ctx.repos.feedback.writeback(issue.id);
  const due = Math.max(at ?? now, nextWriteAt(last?.lastWrittenAt ?? null, now));
  await ctx.repos.outbox.enqueue(
    ctx.workspaceId,
    {
      kind: writebackKind,
      lane: `tracker:${issue.provider}:${issue.id}:${Math.floor(due / 60_000)}`,
      payload: { issueId: issue.id },
      // A deferred row is keyed by its exact time: it must not collapse into the row that deferred it.
      dedupeKey: deferred ? `writeback:${issue.id}:at:${due}` : `writeback:${issue.id}:${Math.floor(due / 60_000)}`,
      notBefore: due,
    },
    now,
  );
}
