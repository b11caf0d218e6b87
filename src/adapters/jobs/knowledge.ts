import type { Runtime } from '../../app/runtime';
import { backfillKnowledge } from '../../services/knowledge/search-knowledge';
import type { ScheduledJob } from './scheduler';

export const knowledgeBackfillJobName = 'knowledge.backfill';
/** Per run, so a large first backfill is spread over runs and stopping never waits long. */
const perRun = 20_000;

/**
 * Every minute (and at start): resolved tickets not in the precedent index yet
 * (a deployment from before it, a crash between resolve and index) are indexed.
 * Resolves index themselves; this only catches up, so it is cheap when idle.
 */
export function knowledgeJobs(rt: Runtime): ScheduledJob[] {
  return [
    {
      name: knowledgeBackfillJobName,
      cron: '* * * * *',
      runOnStart: true,
      async run() {
        const n = await backfillKnowledge({ ctx: rt.ctx, input: { max: perRun } });
        if (n > 0) rt.ctx.log.info({ indexed: n }, 'knowledge: indexed resolved tickets');
      },
    },
  ];
}
