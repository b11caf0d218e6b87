import type { App, BlockButtonAction } from '@slack/bolt';
import type { Ctx } from '../../../../services/context';
import { changeTicket } from '../../../../services/tickets/change-ticket';
import { escalateTicket } from '../../../../services/tickets/escalate-ticket';
import { resolveTicketModal } from '../../blocks/ticket-modals';
import { friendlySlackError } from '../../errors';

type Say = (text: string) => Promise<unknown>;

/** Tells only the clicker: via response_url when there is one, else an ephemeral message. */
function tellClicker(body: BlockButtonAction, client: App['client'], respond: (m: object) => Promise<unknown>): Say {
  return async (text) => {
    if (body.response_url)
      return respond({ response_type: 'ephemeral', replace_original: false, text }).catch(() => undefined);
    if (body.channel?.id)
      return client.chat.postEphemeral({ channel: body.channel.id, user: body.user.id, text }).catch(() => undefined);
    return undefined;
  };
}

/**
 * Card buttons. Anyone may claim, resolve or escalate — support operators
 * often answer while the duty team is busy, and the credit goes to whoever
 * resolved. A refused click (already claimed, deleted ticket) is told to the
 * clicker only and changes nothing.
 */
export function registerTicketCardActions(app: App, ctx: Ctx): void {
  app.action<BlockButtonAction>('ticket.claim', async ({ ack, body, action, client, respond }) => {
    await ack();
    const say = tellClicker(body, client, respond);
    try {
      await changeTicket({
        ctx,
        input: { ticketId: Number(action.value), action: { type: 'claim', by: body.user.id } },
      });
    } catch (err) {
      await say(friendlySlackError(err));
    }
  });

  app.action<BlockButtonAction>('ticket.resolve', async ({ ack, body, action, client, respond }) => {
    await ack();
    const id = Number(action.value);
    const t = await ctx.repos.tickets.byId(ctx.workspaceId, id);
    const say = tellClicker(body, client, respond);
    if (!t) return void (await say(`:warning: Ticket #${action.value} no longer exists.`));
    if (t.status === 'resolved') return void (await say(`:warning: Ticket #${id} is already resolved.`));
    await client.views
      .open({ trigger_id: body.trigger_id, view: resolveTicketModal(id) })
      .catch((err) => ctx.log.warn({ err }, 'tickets: could not open the resolve modal'));
  });

  app.action<BlockButtonAction>('ticket.escalate', async ({ ack, body, action, client, respond }) => {
    await ack();
    const say = tellClicker(body, client, respond);
    try {
      const told = await escalateTicket({
        ctx,
        input: { ticketId: Number(action.value), by: body.user.id, reason: 'Panic button pressed' },
      });
      await say(
        told.length
          ? `:rotating_light: Escalated to ${told.map((u) => `<@${u}>`).join(' and ')}.`
          : ':warning: No team lead or escalation user is configured; the escalation is noted on the card.',
      );
    } catch (err) {
      await say(friendlySlackError(err));
    }
  });
}
