import { DateTime } from 'luxon';
import type { Ctx } from '../../services/context';
import { buildDigest } from '../../domain/feedback/digest';
import { getDemand } from '../../services/feedback/get-demand';
import { withTransaction } from '../db/transaction';
import { digestBlocks } from '../slack/blocks/feedback-demand';
import { topTopicsBlocks } from '../slack/blocks/topics';
import { topicsBetween } from '../../services/knowledge/get-topics';
import { windowRange } from '../../domain/feedback/demand';
import { enqueueSlack } from '../slack/outbox';
import { JobRunsRepo } from './job-runs.repo';
import type { ScheduledJob } from './scheduler';

export const digestJobName = 'feedback.digest';

/** Posts the weekly digest once per scheduled day (the run key is the local date). */
export async function runDigest(ctx: Ctx): Promise<{ posted: boolean }> {
  const channel = ctx.config.file.feedback.productChannel;
  if (!channel) {
    ctx.log.info('feedback: no productChannel configured; weekly digest skipped');
    return { posted: false };
  }
  const now = ctx.clock.now();
  const local = DateTime.fromJSDate(now, { zone: ctx.config.file.timezone });
  const runKey = local.toISODate()!;
  const runs = new JobRunsRepo(ctx.db);
  const runId = runs.tryStart(ctx.workspaceId, digestJobName, runKey, now.getTime());
  if (runId === null) return { posted: false };
  try {
    const rows = await getDemand({ ctx, input: { window: '7d', limit: 200 } });
    const { text, blocks } = digestBlocks(buildDigest(rows, now.getTime()), local.toFormat('d LLL yyyy'));
    const topics = topTopicsBlocks(
      await topicsBetween(ctx, windowRange('7d', now.getTime()), { otherTerms: false }),
      'Top topics this week',
    );
    withTransaction(ctx, (tx) =>
      enqueueSlack(
        tx,
        { method: 'chat.postMessage', args: { channel, text, blocks: [...blocks, ...topics], unfurl_links: false } },
        { dedupeKey: `digest:${runKey}` },
      ),
    );
    runs.finish(runId, ctx.clock.now().getTime());
    return { posted: true };
  } catch (err) {
    runs.finish(runId, ctx.clock.now().getTime(), String((err as Error).message));
    throw err;
  }
}

export function digestJobs(ctx: Ctx): ScheduledJob[] {
  return [
    {
      name: digestJobName,
      cron: ctx.config.file.feedback.digestCron,
      timezone: ctx.config.file.timezone,
      run: async () => void (await runDigest(ctx)),
    },
  ];
}
