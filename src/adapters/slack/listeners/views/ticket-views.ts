import type { App } from '@slack/bolt';
import type { Ctx } from '../../../../services/context';
import { DomainError } from '../../../../domain/errors';
import { changeTicket } from '../../../../services/tickets/change-ticket';
import { createTicket, type Priority } from '../../../../services/tickets/create-ticket';
import {
  createTicketCallback,
  parseCustomerField,
  resolveTicketCallback,
  type CreateModalMeta,
} from '../../blocks/ticket-modals';
import { friendlySlackError } from '../../errors';

type Values = Record<string, Record<string, { value?: string | null; selected_option?: { value: string } | null }>>;
const field = (v: Values, block: string) => v[block]?.value;

/** The create and resolve modals. Field problems come back as modal errors; nothing is stored. */
export function registerTicketViews(app: App, ctx: Ctx): void {
  app.view(createTicketCallback, async ({ ack, view, body }) => {
    const v = view.state.values as Values;
    const summary = field(v, 'summary')?.value?.trim();
    if (!summary)
      return void (await ack({ response_action: 'errors', errors: { summary: 'Say what the customer needs.' } }));
    let meta: CreateModalMeta;
    try {
      meta = JSON.parse(view.private_metadata) as CreateModalMeta;
    } catch {
      return void (await ack({
        response_action: 'errors',
        errors: { summary: 'This form is out of date; open it again.' },
      }));
    }
    await ack();
    const priority = (field(v, 'priority')?.selected_option?.value ?? 'normal') as Priority;
    const fromMessage = meta.channel && meta.ts;
    await createTicket({
      ctx: ctx,
      input: {
        source: meta.source,
        // A message makes one ticket; a /duty ticket modal makes one per submitted view (double submit = one ticket).
        externalId: fromMessage ? `${meta.channel}:${meta.ts}` : `view:${view.id}`,
        text: summary,
        priority: ['low', 'normal', 'high', 'urgent'].includes(priority) ? priority : 'normal',
        customer: parseCustomerField(field(v, 'customer')?.value),
        originChannelId: meta.channel ?? null,
        originTs: meta.ts ?? null,
        requesterSlackId: meta.source === 'shortcut' ? (meta.requester ?? null) : null,
        createdBy: body.user.id,
      },
    });
  });

  app.view(resolveTicketCallback, async ({ ack, view, body }) => {
    const resolution = field(view.state.values as Values, 'resolution')?.value?.trim();
    if (!resolution)
      return void (await ack({
        response_action: 'errors',
        errors: { resolution: 'One line on how it was resolved.' },
      }));
    const { ticketId } = JSON.parse(view.private_metadata || '{}') as { ticketId?: number };
    try {
      await changeTicket({
        ctx,
        input: { ticketId: Number(ticketId), action: { type: 'resolve', by: body.user.id }, resolution },
      });
    } catch (err) {
      if (err instanceof DomainError)
        return void (await ack({ response_action: 'errors', errors: { resolution: friendlySlackError(err) } }));
      throw err;
    }
    await ack();
  });
}
