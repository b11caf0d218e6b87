import { NotFoundError, ValidationError } from '../../domain/errors';
import type { Ctx } from '../context';
import type { Ticket } from '../ports/tickets';
import { inTransaction } from '../transaction';
import { helpdeskPerson } from './helpdesk-person';

/** A helpdesk's clock may run a little ahead of ours; a reply "from the future" by more than this is a mistake. */
const clockSkewMs = 60_000;

export interface HelpdeskReply {
  id: number;
  firstResponseAt: string;
  firstResponseBy: string | null;
}

const answer = (t: Ticket): HelpdeskReply => ({
  id: t.id,
  firstResponseAt: new Date(t.firstResponseAt!).toISOString(),
  firstResponseBy: t.firstResponseBy,
});

/**
 * The first reply to a ticket, made in a helpdesk: sets the first response time
 * (now, or `at` when the helpdesk says when) exactly like a reply in the card's
 * thread. The first one wins; later calls answer what was recorded.
 */
export async function recordHelpdeskReply({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { ticketId: number; by?: string; at?: number; client: string };
}): Promise<HelpdeskReply> {
  const now = ctx.clock.now().getTime();
  return inTransaction(ctx, async (tx) => {
    const tickets = tx.repos.tickets;
    const t = await tickets.byIdForChange(tx.workspaceId, input.ticketId);
    if (!t) throw new NotFoundError(`Ticket #${input.ticketId} does not exist.`);
    if (t.firstResponseAt !== null) return answer(t);
    let at = input.at ?? now;
    if (at > now + clockSkewMs)
      throw new ValidationError('at is in the future', { at: `is after now (${new Date(now).toISOString()})` });
    if (at < t.createdAt)
      throw new ValidationError('at is before the ticket was created', {
        at: `is before the ticket was created (${new Date(t.createdAt).toISOString()})`,
      });
    at = Math.min(at, now);
    const by = await helpdeskPerson(tx, { given: input.by, client: input.client });
    await tickets.update(tx.workspaceId, t.id, { firstResponseAt: at, firstResponseBy: by, updatedAt: now });
    await tickets.addEvent(tx.workspaceId, t.id, 'responded', by, at, { via: input.client });
    return answer((await tickets.byId(tx.workspaceId, t.id))!);
  });
}
