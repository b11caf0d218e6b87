import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../services/ports/logger';
import { classifyError, PermanentError } from '../outbox/errors';
import type { OutboxHandler } from '../outbox/worker';
import { dutyUserGroupKind } from './messages/rotation';
import { performSlackCall } from './outbox';

/**
 * Updating the duty user group fails for good on plans or tokens without the
 * permission. That is said once, clearly, and the handoff's other writes
 * (message, topic, briefings) are separate rows that still go out.
 */
export function userGroupOutboxHandlers(slack: WebClient | undefined, log: Logger): Record<string, OutboxHandler> {
  return {
    [dutyUserGroupKind]: async (job) => {
      if (!slack) throw new PermanentError('Slack is not configured');
      try {
        return await performSlackCall(slack, job);
      } catch (err) {
        const c = classifyError(err);
        if (c.retry) throw err;
        log.warn(
          { error: c.message, usergroup: (job.payload as { args?: { usergroup?: string } }).args?.usergroup },
          'rotation: the duty user group could not be updated (free plans and tokens without usergroups:write cannot); the rest of the handoff went ahead',
        );
        return { ok: false, skipped: true, error: c.message };
      }
    },
  };
}
