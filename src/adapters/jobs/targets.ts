import type { Ctx } from '../../services/context';
import { checkTargets } from '../../services/tickets/check-targets';
import type { ScheduledJob } from './scheduler';

export const targetsJobName = 'tickets.targets';

/** Every minute (and at start, to catch up): nudges and escalations for tickets near or past their targets. */
export function targetsJobs(ctx: Ctx): ScheduledJob[] {
  return [
    {
      name: targetsJobName,
      cron: '* * * * *',
      runOnStart: true,
      async run() {
        await checkTargets({ ctx });
      },
    },
  ];
}
