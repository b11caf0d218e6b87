import type { Ctx } from '../../services/context';
import { digestJobName, postDigest } from '../../services/feedback/post-digest';
import type { ScheduledJob } from './scheduler';

export { digestJobName };

/** The weekly digest, on the configured schedule in the organisation's zone. */
export function digestJobs(ctx: Ctx): ScheduledJob[] {
  return [
    {
      name: digestJobName,
      cron: ctx.config.file.feedback.digestCron,
      timezone: ctx.config.file.timezone,
      run: async () => void (await postDigest({ ctx })),
    },
  ];
}
