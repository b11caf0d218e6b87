import type { Ctx } from '../../services/context';
import { handoffJobName, runHandoff } from '../../services/rotation/run-handoff';
import type { ScheduledJob } from './scheduler';

/** Checked every minute and at start, so a boundary passed while down is handled on start. */
export function handoffJobs(ctx: Ctx): ScheduledJob[] {
  return [
    {
      name: handoffJobName,
      cron: '* * * * *',
      runOnStart: true,
      run: async () => {
        await runHandoff({ ctx });
      },
    },
  ];
}
