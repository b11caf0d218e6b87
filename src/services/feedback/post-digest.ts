import { DateTime } from 'luxon';
import { windowRange } from '../../domain/feedback/demand';
import { buildDigest } from '../../domain/feedback/digest';
import type { Ctx } from '../context';
import { topicsBetween } from '../knowledge/get-topics';
import { inTransaction } from '../transaction';
import { getDemand } from './get-demand';

export const digestJobName = 'feedback.digest';

/**
 * Posts the weekly digest to the product channel once per scheduled day (the
 * run key is the local date, so a second replica or a restart posts nothing more).
 */
export async function postDigest({ ctx }: { ctx: Ctx }): Promise<{ posted: boolean }> {
  const channel = ctx.config.file.feedback.productChannel;
  if (!channel) {
    ctx.log.info('feedback: no productChannel configured; weekly digest skipped');
    return { posted: false };
  }
  const now = ctx.clock.now();
  const local = DateTime.fromJSDate(now, { zone: ctx.config.file.timezone });
  const runKey = local.toISODate()!;
  const runs = ctx.repos.jobs;
  const runId = await runs.tryStart(ctx.workspaceId, digestJobName, runKey, now.getTime(), false);
  if (runId === null) return { posted: false };
  try {
    const rows = await getDemand({ ctx, input: { window: '7d', limit: 200 } });
    const topics = await topicsBetween(ctx, windowRange('7d', now.getTime()), { otherTerms: false });
    await inTransaction(ctx, (tx) =>
      tx.notify.send(
        {
          kind: 'feedback.digest',
          channel,
          digest: buildDigest(rows, now.getTime()),
          weekLabel: local.toFormat('d LLL yyyy'),
          topics: topics.map(({ topic, tickets, customers }) => ({ topic, tickets, customers })),
        },
        { dedupeKey: `digest:${runKey}` },
      ),
    );
    await runs.finish(runId, ctx.clock.now().getTime());
    return { posted: true };
  } catch (err) {
    await runs.finish(runId, ctx.clock.now().getTime(), String((err as Error).message));
    throw err;
  }
}
