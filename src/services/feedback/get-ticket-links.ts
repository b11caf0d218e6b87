import { NotFoundError } from '../../domain/errors';
import type { Ctx } from '../context';
import type { Issue } from '../ports/feedback';
import type { Ticket } from '../ports/tickets';

/** A ticket and the issues it is linked to (for the link modal). */
export async function getTicketLinks({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { ticketId: number } | { channel: string; ts: string };
}): Promise<{ ticket: Ticket; issues: Issue[] }> {
  const tickets = ctx.repos.tickets;
  // A message is a ticket when it is the ticket's card or the message it was created from.
  const ticket =
    'ticketId' in input
      ? await tickets.byId(ctx.workspaceId, input.ticketId)
      : ((await tickets.byCard(ctx.workspaceId, input.channel, input.ts)) ??
        (await tickets.byOrigin(ctx.workspaceId, input.channel, input.ts)));
  if (!ticket)
    throw new NotFoundError(
      'ticketId' in input
        ? `Ticket ${input.ticketId} does not exist.`
        : 'This message is not a ticket. Create a ticket from it first ("Create duty ticket").',
    );
  return { ticket, issues: await ctx.repos.feedback.issuesOfTicket(ctx.workspaceId, ticket.id) };
}
