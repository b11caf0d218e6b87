import { TicketsRepo, type TicketRow } from '../../adapters/db/tickets.repo';
import { withTransaction } from '../../adapters/db/transaction';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors';
import { applyTicketAction, type TicketAction } from '../../domain/tickets/state';
import type { Ctx } from '../context';
import { enqueueTicketCard } from './enqueue-card';
import { enqueueRatingRequest } from './request-rating';
import { indexTicket } from '../knowledge/index-knowledge';

const refusals = {
  already_claimed: (t: TicketRow) => `Ticket #${t.id} is already claimed by <@${t.claimedBy}>.`,
  already_resolved: (t: TicketRow) => `Ticket #${t.id} is already resolved.`,
  not_resolved: (t: TicketRow) => `Ticket #${t.id} is not resolved.`,
};

/**
 * Applies a claim, resolve or reopen through the state machine, records the
 * event and queues the card update, in one transaction. A refused move
 * (already claimed…) throws ConflictError and changes nothing.
 */
export function changeTicket({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { ticketId: number; action: TicketAction; resolution?: string };
}): TicketRow {
  const now = ctx.clock.now().getTime();
  return withTransaction(ctx, (tx) => {
    const repo = new TicketsRepo(tx.db);
    const t = repo.byId(tx.workspaceId, input.ticketId);
    if (!t) throw new NotFoundError(`Ticket #${input.ticketId} no longer exists.`);
    const next = applyTicketAction({ status: t.status, claimedBy: t.claimedBy }, input.action);
    if (!next.ok) throw new ConflictError(refusals[next.reason](t));
    const by = input.action.by;
    const set: Partial<TicketRow> = { status: next.status, claimedBy: next.claimedBy, updatedAt: now };
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
    repo.update(tx.workspaceId, t.id, set);
    repo.addEvent(
      tx.workspaceId,
      t.id,
      input.action.type === 'reopen' ? 'reopened' : input.action.type === 'claim' ? 'claimed' : 'resolved',
      by,
      now,
      input.resolution ? { resolution: input.resolution } : undefined,
    );
    enqueueTicketCard(tx, t.id);
    const after = repo.byId(tx.workspaceId, t.id)!;
    if (input.action.type === 'resolve') enqueueRatingRequest(tx, after);
    if (input.action.type !== 'claim') indexTicket({ ctx: tx, input: { ticketId: t.id } });
    return after;
  });
}

/**
 * A message in the ticket's thread: from anyone but the requester it is a
 * response (the first one sets the first response time); from the requester
 * after resolution it reopens the ticket.
 */
export function recordThreadMessage({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { ticket: TicketRow; user: string };
}): 'response' | 'reopened' | 'ignored' {
  const t = input.ticket;
  const now = ctx.clock.now().getTime();
  if (t.requesterSlackId && input.user === t.requesterSlackId) {
    if (t.status !== 'resolved') return 'ignored';
    changeTicket({ ctx, input: { ticketId: t.id, action: { type: 'reopen', by: input.user } } });
    return 'reopened';
  }
  if (t.firstResponseAt !== null) return 'ignored';
  withTransaction(ctx, (tx) => {
    const repo = new TicketsRepo(tx.db);
    const fresh = repo.byId(tx.workspaceId, t.id);
    if (!fresh || fresh.firstResponseAt !== null) return;
    repo.update(tx.workspaceId, t.id, { firstResponseAt: now, firstResponseBy: input.user, updatedAt: now });
    repo.addEvent(tx.workspaceId, t.id, 'responded', input.user, now);
  });
  return 'response';
}
