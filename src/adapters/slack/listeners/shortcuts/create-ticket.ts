import type { App, MessageShortcut } from '@slack/bolt';
import type { Ctx } from '../../../../services/context';
import { createTicketModal } from '../../blocks/ticket-modals';

/** Message shortcut "Create duty ticket" (callback_id create_duty_ticket): opens the modal prefilled with the message. */
export function registerCreateTicketShortcut(app: App, ctx: Ctx): void {
  app.shortcut<MessageShortcut>('create_duty_ticket', async ({ ack, shortcut, client }) => {
    await ack();
    const m = shortcut.message as { ts: string; text?: string; user?: string };
    await client.views
      .open({
        trigger_id: shortcut.trigger_id,
        view: createTicketModal(
          { source: 'shortcut', channel: shortcut.channel.id, ts: m.ts, requester: m.user },
          m.text ?? '',
        ),
      })
      .catch((err) => ctx.log.warn({ err }, 'tickets: could not open the create modal'));
  });
}
