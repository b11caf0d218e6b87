import type { Clock } from '../../domain/clock';
import type { Notify } from '../../services/ports/notify';
import type { OutboxStore } from '../../services/ports/outbox';
import { renderMessage } from './messages';
import { slackCallToQueue } from './outbox';

/** The notify port on Slack: each message rendered now, queued in the caller's outbox store. */
export function slackNotify(deps: { outbox: OutboxStore; clock: Clock; workspaceId: string }): Notify {
  return {
    send: (message, options = {}) => {
      const now = deps.clock.now().getTime();
      return deps.outbox.enqueue(deps.workspaceId, slackCallToQueue(renderMessage(message), options, now), now);
    },
  };
}
