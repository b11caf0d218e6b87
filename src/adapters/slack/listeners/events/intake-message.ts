import type { App } from '@slack/bolt';
import type { Ctx } from '../../../../services/context';
import { createTicket } from '../../../../services/tickets/create-ticket';
import { readIntakeMessage, type SlackMessage } from './read-message';

/**
 * A top-level message in an intake channel becomes a ticket: a person's, with
 * or without files, and a bot's or workflow's only when `intake.acceptBots`
 * names it. Thread replies, edits, deletions and broadcast copies do not.
 */
export function registerIntakeMessage(app: App, ctx: Ctx): void {
  const channels = new Set(ctx.config.file.intake.channels);
  app.event('message', async ({ event, body, context }) => {
    const m = event as unknown as SlackMessage & { channel: string; ts: string };
    if (!channels.has(m.channel)) return;
    if (m.thread_ts && m.thread_ts !== m.ts) return;
    const self = {
      botUserId: context.botUserId,
      botId: context.botId,
      appId: (body as { api_app_id?: string }).api_app_id,
    };
    const found = readIntakeMessage(m, self, ctx.config.file.intake.acceptBots);
    if (!found?.text) return;
    await createTicket({
      ctx: ctx,
      input: {
        source: 'intake',
        externalId: `${m.channel}:${m.ts}`,
        text: found.text,
        originChannelId: m.channel,
        originTs: m.ts,
        requesterSlackId: found.requester,
        createdBy: found.requester,
        files: found.files,
        deliveryId: (body as { event_id?: string }).event_id,
      },
    });
  });
}
