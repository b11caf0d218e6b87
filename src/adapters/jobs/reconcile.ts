import type { Ctx } from '../../services/context';
import { reconcileIssues } from '../../services/feedback/reconcile-issues';
import type { ScheduledJob } from './scheduler';

export const reconcileJobName = 'feedback.reconcile';

/** Every 15 minutes: linked issues polled for what their webhooks may have missed. */
export function reconcileJobs(ctx: Ctx): ScheduledJob[] {
  return [{ name: reconcileJobName, cron: '*/15 * * * *', run: async () => void (await reconcileIssues({ ctx })) }];
}
