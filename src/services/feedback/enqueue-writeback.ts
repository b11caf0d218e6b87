import { eq } from 'drizzle-orm';
import { issueWritebacks } from '../../adapters/db/schema';
import { OutboxRepo } from '../../adapters/outbox/outbox.repo';
import { nextWriteAt } from '../../domain/feedback/token-bucket';
import type { Ctx } from '../context';

export const writebackKind = 'feedback.writeback';

/**
 * Queues the write of an issue's counts into its tracker, in the caller's
 * transaction, for the first minute the issue may be written again. Changes
 * falling in the same minute collapse into one row (the handler reads the
 * counts when it runs): at most one write per issue per minute.
 */
export function enqueueWriteback(
  ctx: Pick<Ctx, 'db' | 'clock' | 'workspaceId'>,
  issue: { id: number; provider: 'github' | 'linear' },
  at?: number,
  deferred = false,
): void {
  const now = ctx.clock.now().getTime();
  const last = ctx.db
    .select({ t: issueWritebacks.lastWrittenAt })
    .from(issueWritebacks)
    .where(eq(issueWritebacks.issueId, issue.id))
    .get();
  const due = Math.max(at ?? now, nextWriteAt(last?.t ?? null, now));
  new OutboxRepo(ctx.db).enqueue(
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
