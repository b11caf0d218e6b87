import { FeedbackRepo, type IssueRow, type TicketRow } from '../../adapters/db/feedback.repo';
import { NotFoundError } from '../../domain/errors';
import type { Ctx } from '../context';

/** A ticket and the issues it is linked to (for the link modal). */
export function getTicketLinks({ ctx, input }: { ctx: Ctx; input: { ticketId: number } | { channel: string; ts: string } }): { ticket: TicketRow; issues: IssueRow[] } {
  const repo = new FeedbackRepo(ctx.db);
  const ticket = 'ticketId' in input ? repo.ticket(ctx.workspaceId, input.ticketId) : repo.ticketByMessage(ctx.workspaceId, input.channel, input.ts);
  if (!ticket) throw new NotFoundError('ticketId' in input ? `Ticket ${input.ticketId} does not exist.` : 'This message is not a ticket. Create a ticket from it first ("Create duty ticket").');
  return { ticket, issues: repo.issuesOfTicket(ctx.workspaceId, ticket.id) };
}
