import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors';
import { applyTicketAction, type TicketAction } from '../../domain/tickets/state';
import type { Ctx } from '../context';
import { indexTicket } from '../knowledge/index-knowledge';
import type { Ticket, TicketChanges } from '../ports/tickets';
import { inTransaction } from '../transaction';
import { enqueueTicketCard } from './enqueue-card';
import { enqueueRatingRequest } from './request-rating';

const refusals = {
  already_claimed: (t: Ticket) => `Ticket #${t.id} is already claimed by <@${t.claimedBy}>.`,
  already_resolved: (t: Ticket) => `Ticket #${t.id} is already resolved.`,
  not_resolved: (t: Ticket) => `Ticket #${t.id} is not resolved.`,
};

/**
 * Applies a claim, resolve or reopen through the state machine, records the
 * event and queues the card update, in one transaction. A refused move
 * (already claimed…) throws ConflictError and changes nothing.
 */
export async function changeTicket({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { ticketId: number; action: TicketAction; resolution?: string };
}): Promise<Ticket> {
  const now = ctx.clock.now().getTime();
  return inTransaction(ctx, async (tx) => {
    const tickets = tx.repos.tickets;
    const t = await tickets.byIdForChange(tx.workspaceId, input.ticketId);
    if (!t) throw new NotFoundError(`Ticket #${input.ticketId} no longer exists.`);
    const next = applyTicketAction({ status: t.status, claimedBy: t.claimedBy }, input.action);
    if (!next.ok) throw new ConflictError(refusals[next.reason](t));
    const by = input.action.by;
    const set: TicketChanges = { status: next.status, claimedBy: next.claimedBy, updatedAt: now };
    if (input.action.type === 'claim') set.claimedAt = now;
    if (input.action.type === 'resolve') {
      const resolution = input.resolution?.trim();
      if (!resolution) throw new ValidationError('Say in one line how it was resolved.', { resolution: 'required' });
      Object.assign(set, {
        resolvedBy: by,
        resolvedAt: now,
        resolution: resolution.slice(0, 500),
        claimedAt: t.claimedAt ?? now,
      });
    }
    // A reopened ticket is on the clock again: the targets job looks at it on its next run.
    if (input.action.type === 'reopen') Object.assign(set, { resolvedBy: null, resolvedAt: null, nextTargetAt: now });
    await tickets.update(tx.workspaceId, t.id, set);
    await tickets.addEvent(
      tx.workspaceId,
      t.id,
      input.action.type === 'reopen' ? 'reopened' : input.action.type === 'claim' ? 'claimed' : 'resolved',
      by,
      now,
      input.resolution ? { resolution: input.resolution } : undefined,
    );
    await enqueueTicketCard(tx, t.id);
    // What the update wrote, over what was read under the lock: nobody else changed it meanwhile.
    const after: Ticket = { ...t, ...set };
    if (input.action.type === 'resolve') await enqueueRatingRequest(tx, after);
    if (input.action.type !== 'claim') await indexTicket({ ctx: tx, input: { ticketId: t.id } });
    return after;
  });
}

/**
 * A message in the ticket's thread: from anyone but the requester it is a
 * response (the first one sets the first response time); from the requester
 * after resolution it reopens the ticket.
 */
export async function recordThreadMessage({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { ticket: Ticket; user: string };
}): Promise<'response' | 'reopened' | 'ignored'> {
  const t = input.ticket;
  const now = ctx.clock.now().getTime();
  if (t.requesterSlackId && input.user === t.requesterSlackId) {
    if (t.status !== 'resolved') return 'ignored';
    await changeTicket({ ctx, input: { ticketId: t.id, action: { type: 'reopen', by: input.user } } });
    return 'reopened';
  }
  if (t.firstResponseAt !== null) return 'ignored';
  await inTransaction(ctx, async (tx) => {
    const tickets = tx.repos.tickets;
    const fresh = await tickets.byIdForChange(tx.workspaceId, t.id);
    if (!fresh || fresh.firstResponseAt !== null) return;
    await tickets.update(tx.workspaceId, t.id, { firstResponseAt: now, firstResponseBy: input.user, updatedAt: now });
    await tickets.addEvent(tx.workspaceId, t.id, 'responded', input.user, now);
  });
  return 'response';
}
