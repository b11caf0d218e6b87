import type { Ctx } from '../context';
import type { EnqueueInput } from '../ports/outbox';

export const ticketCardKind = 'ticket.card';

/**
 * Queues a refresh of the ticket's card in the duty channel: the handler renders
 * the ticket as it is when the message goes out, posting it the first time and
 * updating it in place after that. All cards share the channel's paced lane.
 */
export async function enqueueTicketCard(ctx: Ctx, ticketId: number, first = false): Promise<void> {
  const channel = ctx.config.file.dutyChannel;
  if (!channel) return;
  await ctx.repos.outbox.enqueue(ctx.workspaceId, cardWrite(channel, ticketId, first), ctx.clock.now().getTime());
}

/** The first cards of new tickets, queued in one go (in this order). */
export async function enqueueFirstTicketCards(ctx: Ctx, ticketIds: readonly number[]): Promise<void> {
  const channel = ctx.config.file.dutyChannel;
  if (!channel || ticketIds.length === 0) return;
  await ctx.repos.outbox.enqueueMany(
    ctx.workspaceId,
    ticketIds.map((id) => cardWrite(channel, id, true)),
    ctx.clock.now().getTime(),
  );
}

function cardWrite(channel: string, ticketId: number, first: boolean): EnqueueInput {
  return {
    kind: ticketCardKind,
    lane: `slack:post:${channel}`,
    payload: { ticketId, channel },
    dedupeKey: first ? `ticket.card.post:${ticketId}` : undefined,
  };
}
