import type { Ctx } from '../context';

export const ticketCardKind = 'ticket.card';

/**
 * Queues a refresh of the ticket's card in the duty channel: the handler renders
 * the ticket as it is when the message goes out, posting it the first time and
 * updating it in place after that. All cards share the channel's paced lane.
 */
export async function enqueueTicketCard(ctx: Ctx, ticketId: number, first = false): Promise<void> {
  const channel = ctx.config.file.dutyChannel;
  if (!channel) return;
  await ctx.repos.outbox.enqueue(
    ctx.workspaceId,
    {
      kind: ticketCardKind,
      lane: `slack:post:${channel}`,
      payload: { ticketId, channel },
      dedupeKey: first ? `ticket.card.post:${ticketId}` : undefined,
    },
    ctx.clock.now().getTime(),
  );
}
