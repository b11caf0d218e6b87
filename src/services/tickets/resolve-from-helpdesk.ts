import { ConflictError, NotFoundError } from '../../domain/errors';
import type { Ctx } from '../context';
import type { Ticket } from '../ports/tickets';
import { changeTicket } from './change-ticket';
import { helpdeskPerson } from './helpdesk-person';

export interface HelpdeskResolution {
  id: number;
  status: 'resolved';
  resolution: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
}

const answer = (t: Ticket): HelpdeskResolution => ({
  id: t.id,
  status: 'resolved',
  resolution: t.resolution,
  resolvedBy: t.resolvedBy,
  resolvedAt: t.resolvedAt === null ? null : new Date(t.resolvedAt).toISOString(),
});

/**
 * A ticket worked in a helpdesk is resolved there: through the same service
 * as Slack's Resolve button (card updated, rating asked, targets stopped,
 * knowledge indexed). Saying it again with the same resolution changes nothing
 * and answers the same; another resolution of a resolved ticket is a conflict.
 */
export async function resolveFromHelpdesk({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { ticketId: number; resolution: string; resolvedBy?: string; client: string };
}): Promise<HelpdeskResolution> {
  const resolution = input.resolution.trim();
  const current = async () => {
    const t = await ctx.repos.tickets.byId(ctx.workspaceId, input.ticketId);
    if (!t) throw new NotFoundError(`Ticket #${input.ticketId} does not exist.`);
    return t;
  };
  const settled = (t: Ticket) => {
    if (t.resolution === resolution) return answer(t);
    throw new ConflictError(
      `Ticket #${t.id} is already resolved with another resolution; reopen it in Slack (the requester writing again) before resolving it differently.`,
    );
  };
  const t = await current();
  if (t.status === 'resolved') return settled(t);
  const by = await helpdeskPerson(ctx, { given: input.resolvedBy, client: input.client, fallback: t.claimedBy });
  try {
    return answer(await changeTicket({ ctx, input: { ticketId: t.id, action: { type: 'resolve', by }, resolution } }));
  } catch (err) {
    // Resolved in between (a Slack click, a helpdesk retry): same rule as above.
    if (err instanceof ConflictError) {
      const now = await current();
      if (now.status === 'resolved') return settled(now);
    }
    throw err;
  }
}
