import { FeedbackRepo, type IssueRow } from '../../adapters/db/feedback.repo';
import { TicketsRepo, type TicketRow } from '../../adapters/db/tickets.repo';
import { NotFoundError } from '../../domain/errors';
import type { Ctx } from '../context';

/** A ticket and the issues it is linked to (for the link modal). */
export function getTicketLinks({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { ticketId: number } | { channel: string; ts: string };
}): { ticket: TicketRow; issues: IssueRow[] } {
  const repo = new FeedbackRepo(ctx.db);
  const tickets = new TicketsRepo(ctx.db);
  // A message is a ticket when it is the ticket's card or the message it was created from.
  const ticket =
    'ticketId' in input
      ? tickets.byId(ctx.workspaceId, input.ticketId)
      : (tickets.byCard(ctx.workspaceId, input.channel, input.ts) ??
        tickets.byOrigin(ctx.workspaceId, input.channel, input.ts));
  if (!ticket)
    throw new NotFoundError(
      'ticketId' in input
        ? `Ticket ${input.ticketId} does not exist.`
        : 'This message is not a ticket. Create a ticket from it first ("Create duty ticket").',
    );
  return { ticket, issues: repo.issuesOfTicket(ctx.workspaceId, ticket.id) };
}
