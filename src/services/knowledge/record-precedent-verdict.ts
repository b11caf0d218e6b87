import { NotFoundError, ValidationError } from '../../domain/errors';
import type { Ctx } from '../context';
import type { PrecedentVerdict } from '../ports/knowledge-store';
import { enqueueTicketCard } from '../tickets/enqueue-card';
import { inTransaction } from '../transaction';

export interface PrecedentVerdictResult {
  /** The ticket the precedent was offered for. */
  ticketId: number;
  /** False when the same person gave the same verdict again: nothing to update. */
  changed: boolean;
}

/**
 * "This helped" / "Not related" on one offered precedent: who said it and
 * when, the latest click winning. On a resolved ticket a change to "helped"
 * shows on its card ("Resolved with the help of #n"), so the card is refreshed.
 */
export async function recordPrecedentVerdict({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { suggestionId: number; verdict: PrecedentVerdict; by: string };
}): Promise<PrecedentVerdictResult> {
  if (input.verdict !== 'helped' && input.verdict !== 'unrelated')
    throw new ValidationError(`Unknown verdict ${String(input.verdict)}.`);
  if (!Number.isInteger(input.suggestionId)) throw new NotFoundError('That suggestion no longer exists.');
  const now = ctx.clock.now().getTime();
  return inTransaction(ctx, async (tx) => {
    const precedents = tx.repos.precedents;
    const row = await precedents.byId(tx.workspaceId, input.suggestionId);
    if (!row) throw new NotFoundError('That suggestion no longer exists.');
    if (row.verdict === input.verdict && row.verdictBy === input.by) return { ticketId: row.ticketId, changed: false };
    await precedents.setVerdict(row.id, input.verdict, input.by, now);
    const tickets = tx.repos.tickets;
    await tickets.addEvent(tx.workspaceId, row.ticketId, 'precedent.verdict', input.by, now, {
      kind: row.kind,
      ref: row.ref,
      verdict: input.verdict,
    });
    const helpedChanged = row.kind === 'ticket' && (row.verdict === 'helped') !== (input.verdict === 'helped');
    if (helpedChanged && (await tickets.byId(tx.workspaceId, row.ticketId))?.status === 'resolved')
      await enqueueTicketCard(tx, row.ticketId);
    return { ticketId: row.ticketId, changed: true };
  });
}
