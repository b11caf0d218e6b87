import { TicketsRepo } from '../../adapters/db/tickets.repo';
import { withTransaction } from '../../adapters/db/transaction';
import { enqueueSlack } from '../../adapters/slack/outbox';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors';
import { isLowRating, ratingLabel } from '../../domain/tickets/rating';
import { escapeMrkdwn } from '../../domain/text/mrkdwn';
import type { Ctx } from '../context';

/**
 * Stores the requester's rating, once: a second rating of the same ticket is
 * refused. A 1–2 goes to the card's thread so the team can look into it.
 */
export function rateTicket({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { ticketId: number; rating: number; comment?: string | null; by?: string | null };
}): void {
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5)
    throw new ValidationError('rating must be 1 to 5', { rating: 'must be 1 to 5' });
  const now = ctx.clock.now().getTime();
  withTransaction(ctx, (tx) => {
    const repo = new TicketsRepo(tx.db);
    const t = repo.byId(tx.workspaceId, input.ticketId);
    if (!t) throw new NotFoundError(`Ticket #${input.ticketId} no longer exists.`);
    if (t.ratedAt !== null) throw new ConflictError('This ticket was already rated — thank you!');
    if (input.by && t.requesterSlackId && input.by !== t.requesterSlackId)
      throw new ConflictError('Only the person who asked can rate this ticket.');
    const comment = input.comment?.trim().slice(0, 2000) || null;
    repo.update(tx.workspaceId, t.id, { rating: input.rating, ratingComment: comment, ratedAt: now, updatedAt: now });
    repo.addEvent(tx.workspaceId, t.id, 'rated', input.by ?? null, now, { rating: input.rating });
    if (isLowRating(input.rating) && t.cardChannelId && t.cardTs) {
      enqueueSlack(
        tx,
        {
          method: 'chat.postMessage',
          args: {
            channel: t.cardChannelId,
            thread_ts: t.cardTs,
            text: `:speech_balloon: The requester rated this ticket *${ratingLabel(input.rating)}*${comment ? `: “${escapeMrkdwn(comment)}”` : ''}. Worth a look together.`,
          },
        },
        { dedupeKey: `ticket.lowrating:${t.id}` },
      );
    }
  });
}

/** Adds the optional comment after a Slack rating click. */
export function commentRating({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { ticketId: number; comment: string; by: string };
}): void {
  withTransaction(ctx, (tx) => {
    const repo = new TicketsRepo(tx.db);
    const t = repo.byId(tx.workspaceId, input.ticketId);
    if (!t || t.ratedAt === null || t.ratingComment || (t.requesterSlackId && t.requesterSlackId !== input.by)) return;
    repo.update(tx.workspaceId, t.id, { ratingComment: input.comment.trim().slice(0, 2000) || null });
  });
}
