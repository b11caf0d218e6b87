import type { App } from '@slack/bolt';
import type { Runtime } from '../../../../app/runtime';
import { createTicket } from '../../../../services/tickets/create-ticket';

interface PlainMessage { channel: string; user?: string; text?: string; ts: string; thread_ts?: string; subtype?: string; bot_id?: string }

/** A top-level message by a person in an intake channel becomes a ticket (not bots, not thread replies, not edits). */
export function registerIntakeMessage(app: App, rt: Runtime): void {
  const channels = new Set(rt.ctx.config.file.intake.channels);
  app.event('message', async ({ event, body, context }) => {
    const m = event as unknown as PlainMessage;
    if (!channels.has(m.channel) || m.subtype || m.bot_id || !m.user || m.user === context.botUserId) return;
    if (m.thread_ts && m.thread_ts !== m.ts) return;
    if (!m.text?.trim()) return;
    const { created } = createTicket({
      ctx: rt.ctx,
      input: {
        source: 'intake',
        externalId: `${m.channel}:${m.ts}`,
        text: m.text,
        originChannelId: m.channel,
        originTs: m.ts,
        requesterSlackId: m.user,
        createdBy: m.user,
        deliveryId: (body as { event_id?: string }).event_id,
      },
    });
    if (created) rt.outbox.kick();
  });
}
