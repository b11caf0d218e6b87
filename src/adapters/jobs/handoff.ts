import type { Ctx } from '../../services/context';
import { handoffJobName, runHandoff } from '../../services/rotation/run-handoff';
import { classifyError } from '../outbox/errors';
import type { OutboxHandler } from '../outbox/worker';
import { dutyUserGroupKind } from '../slack/messages/rotation';
import { performSlackCall } from '../slack/outbox';
import { PermanentError } from '../outbox/errors';
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

/**
 * Updating the duty user group fails for good on plans or tokens without the
 * permission. That is said once, clearly, and the handoff's other writes
 * (message, topic, briefings) are separate rows that still go out.
 */
export function handoffOutboxHandlers(ctx: Ctx): Record<string, OutboxHandler> {
  return {
    [dutyUserGroupKind]: async (job) => {
      if (!ctx.slack) throw new PermanentError('Slack is not configured');
      try {
        return await performSlackCall(ctx.slack, job);
      } catch (err) {
        const c = classifyError(err);
        if (c.retry) throw err;
        ctx.log.warn(
          { error: c.message, usergroup: (job.payload as { args?: { usergroup?: string } }).args?.usergroup },
          'rotation: the duty user group could not be updated (free plans and tokens without usergroups:write cannot); the rest of the handoff went ahead',
        );
        return { ok: false, skipped: true, error: c.message };
      }
    },
  };
}
