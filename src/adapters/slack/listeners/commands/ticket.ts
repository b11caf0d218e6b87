import { createTicketModal } from '../../blocks/ticket-modals';
import type { Subcommand } from './subcommand';

/** `/duty ticket [text]`: the create modal, prefilled with the text. */
export const ticketSubcommand: Subcommand = {
  name: 'ticket',
  usage: '/duty ticket [summary]',
  summary: 'create a duty ticket (summary, customer, priority)',
  async run({ args, command, client }) {
    await client.views.open({
      trigger_id: command.trigger_id,
      view: createTicketModal({ source: 'command', requester: command.user_id }, args.join(' ')),
    });
  },
};
