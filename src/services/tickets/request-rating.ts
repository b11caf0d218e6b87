import type { Ctx } from '../context';
import type { Ticket } from '../ports/tickets';

export const ratingRequestKind = 'ticket.rating_request';

/**
 * Run in the resolving transaction: asks for a rating once per ticket (the
 * dedupe key holds across reopen and resolve again). A Slack requester gets a
 * DM; an API ticket gets a signed link posted in the card's thread for support
 * to pass on with the helpdesk's reply.
 */
export async function enqueueRatingRequest(ctx: Ctx, t: Ticket): Promise<void> {
  if (t.ratedAt !== null) return;
  if (!t.requesterSlackId && !t.cardChannelId) return;
  const lane = t.requesterSlackId
    ? `slack:api:rating-dm`
    : `slack:post:${t.cardChannelId ?? ctx.config.file.dutyChannel ?? 'none'}`;
  await ctx.repos.outbox.enqueue(
    ctx.workspaceId,
    { kind: ratingRequestKind, lane, payload: { ticketId: t.id }, dedupeKey: `ticket.rating:${t.id}` },
    ctx.clock.now().getTime(),
  );
}
