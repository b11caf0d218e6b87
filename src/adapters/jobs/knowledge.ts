import type { Ctx } from '../../services/context';
import { backfillKnowledge } from '../../services/knowledge/search-knowledge';
import type { ScheduledJob } from './scheduler';

export const knowledgeBackfillJobName = 'knowledge.backfill';
/** Per run, so a large first backfill is spread over runs and stopping never waits long. */
const perRun = 20_000;

/**
 * At start, every resolved ticket not in the precedent index yet (a deployment
 * from before it, an older terms() version) is indexed, 20,000 a minute; then
 * every minute the tickets added since (imports, seeds; resolves index
 * themselves), so an idle run reads a few ids, not the whole history.
 */
export function knowledgeJobs(ctx: Ctx): ScheduledJob[] {
  // The first run (at start) reads every id; later runs go on from where the last one stopped.
  let after = 0;
  return [
    {
      name: knowledgeBackfillJobName,
      cron: '* * * * *',
      runOnStart: true,
      async run() {
        const r = await backfillKnowledge({ ctx: ctx, input: { after, max: perRun } });
        after = r.upTo;
        if (r.indexed > 0) ctx.log.info({ indexed: r.indexed }, 'knowledge: indexed resolved tickets');
      },
    },
  ];
}
