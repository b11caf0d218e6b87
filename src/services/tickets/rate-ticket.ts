import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors';
import { isLowRating } from '../../domain/tickets/rating';
import type { Ctx } from '../context';
import { inTransaction } from '../transaction';

/**
 * Stores the requester's rating, once: a second rating of the same ticket is
 * refused. A 1–2 goes to the card's thread so the team can look into it.
 */
export async function rateTicket({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { ticketId: number; rating: number; comment?: string | null; by?: string | null };
}): Promise<void> {
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5)
    throw new ValidationError('rating must be 1 to 5', { rating: 'must be 1 to 5' });
  const now = ctx.clock.now().getTime();
  await inTransaction(ctx, async (tx) => {
    const tickets = tx.repos.tickets;
    const t = await tickets.byIdForChange(tx.workspaceId, input.ticketId);
    if (!t) throw new NotFoundError(`Ticket #${input.ticketId} no longer exists.`);
    if (t.ratedAt !== null) throw new ConflictError('This ticket was already rated — thank you!');
    if (input.by && t.requesterSlackId && input.by !== t.requesterSlackId)
      throw new ConflictError('Only the person who asked can rate this ticket.');
    const comment = input.comment?.trim().slice(0, 2000) || null;
    await tickets.update(tx.workspaceId, t.id, {
      rating: input.rating,
      ratingComment: comment,
      ratedAt: now,
      updatedAt: now,
    });
    await tickets.addEvent(tx.workspaceId, t.id, 'rated', input.by ?? null, now, { rating: input.rating });
    if (isLowRating(input.rating) && t.cardChannelId && t.cardTs) {
      await tx.notify.send(
        { kind: 'ticket.low_rating', channel: t.cardChannelId, threadTs: t.cardTs, rating: input.rating, comment },
        { dedupeKey: `ticket.lowrating:${t.id}` },
      );
    }
  });
}

/** Adds the optional comment after a Slack rating click. */
export async function commentRating({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { ticketId: number; comment: string; by: string };
}): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const t = await tx.repos.tickets.byId(tx.workspaceId, input.ticketId);
    if (!t || t.ratedAt === null || t.ratingComment || (t.requesterSlackId && t.requesterSlackId !== input.by)) return;
    await tx.repos.tickets.update(tx.workspaceId, t.id, { ratingComment: input.comment.trim().slice(0, 2000) || null });
  });
}
