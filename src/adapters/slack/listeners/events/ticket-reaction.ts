import type { App } from '@slack/bolt';
import type { Ctx } from '../../../../services/context';
import { createTicket } from '../../../../services/tickets/create-ticket';
import { readIntakeMessage, type IntakeMessage, type SlackMessage } from './read-message';

interface Reaction {
  user: string;
  reaction: string;
  item: { type: string; channel: string; ts: string };
  item_user?: string;
}

/**
 * The `:ticket:` reaction (configurable) on a message the app can read makes a
 * ticket with its text, files and permalink — by the same rules as intake:
 * never dutyloop's own messages, a bot's only when `intake.acceptBots` names it.
 */
export function registerTicketReaction(app: App, ctx: Ctx): void {
  app.event('reaction_added', async ({ event, body, client, context }) => {
    const r = event as unknown as Reaction;
    if (r.reaction !== ctx.config.file.intake.reaction || r.item.type !== 'message' || r.user === context.botUserId)
      return;
    if (r.item_user && r.item_user === context.botUserId) return;
    const { channel, ts } = r.item;
    const [message, link] = await Promise.all([
      readMessage(client, channel, ts),
      client.chat.getPermalink({ channel, message_ts: ts }).catch(() => undefined),
    ]);
    let found: IntakeMessage | null = null;
    if (message) {
      const self = {
        botUserId: context.botUserId,
        botId: context.botId,
        appId: (body as { api_app_id?: string }).api_app_id,
      };
      // A broadcast reply is the message itself here, not a copy of one.
      found = readIntakeMessage(message, self, ctx.config.file.intake.acceptBots, ['thread_broadcast']);
      if (!found) return;
    }
    await createTicket({
      ctx: ctx,
      input: {
        source: 'reaction',
        externalId: `${channel}:${ts}`,
        text: found?.text || '(message text not readable — see the link)',
        originChannelId: channel,
        originTs: ts,
        permalink: link?.permalink ?? null,
        requesterSlackId: found ? found.requester : (r.item_user ?? null),
        createdBy: r.user,
        files: found?.files,
        deliveryId: (body as { event_id?: string }).event_id,
      },
    });
  });
}

/** The message itself: top-level via history, a thread reply via replies. */
async function readMessage(client: App['client'], channel: string, ts: string): Promise<SlackMessage | undefined> {
  try {
    const h = await client.conversations.history({ channel, latest: ts, oldest: ts, inclusive: true, limit: 1 });
    const hit = (h.messages as SlackMessage[] | undefined)?.find((m) => m.ts === ts);
    if (hit) return hit;
    const rep = await client.conversations.replies({ channel, ts, limit: 1 });
    return (rep.messages as SlackMessage[] | undefined)?.find((m) => m.ts === ts);
  } catch {
    return undefined;
  }
}
