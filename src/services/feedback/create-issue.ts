import { NotFoundError, ValidationError } from '../../domain/errors';
import {
  customerLinePattern,
  mayShareCustomerData,
  redactCustomerData,
  type CustomerIdentity,
} from '../../domain/feedback/privacy';
import type { Ctx } from '../context';
import type { Ticket } from '../ports/tickets';
import { inTransaction } from '../transaction';
import { enqueueWriteback } from './enqueue-writeback';
import { noteLinkInThread, trackerTimeoutMs, withTimeout, type LinkResult } from './link-ticket';

/**
 * The draft of a new issue from a ticket: the problem in the customer's words,
 * without their name, e-mail or phone number unless the config allows it.
 */
export function draftIssue(
  ticket: Ticket,
  allowCustomerData: boolean,
  customer: CustomerIdentity = { key: ticket.customerKey },
): { title: string; body: string } {
  const clean = (s: string) => (allowCustomerData ? s : redactCustomerData(s, customer));
  const firstLine = (ticket.subject ?? ticket.text).split('\n')[0]!.trim();
  const title = clean(firstLine).slice(0, 120);
  const lines = ['Reported through support (dutyloop).', '', `> ${clean(ticket.text).split('\n').join('\n> ')}`];
  if (allowCustomerData && ticket.customerKey) lines.push('', `Customer: ${ticket.customerKey.replace(/^\w+:/, '')}`);
  return { title, body: lines.join('\n') };
}

/** The ticket's customer as stored (name, company, e-mail), for redaction. */
export async function customerOf(ctx: Pick<Ctx, 'repos' | 'workspaceId'>, ticket: Ticket): Promise<CustomerIdentity> {
  if (!ticket.customerKey) return {};
  return (await ctx.repos.feedback.customer(ctx.workspaceId, ticket.customerKey)) ?? { key: ticket.customerKey };
}

export async function createIssueFromTicket({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { ticketId: number; provider: 'github' | 'linear'; title: string; body: string; linkedBy: string | null };
}): Promise<LinkResult> {
  const ticket = await ctx.repos.tickets.byId(ctx.workspaceId, input.ticketId);
  if (!ticket) throw new NotFoundError(`Ticket ${input.ticketId} does not exist.`);
  if (!input.title.trim()) throw new ValidationError('A title is needed.', { title: 'Give the issue a title.' });
  const tracker = ctx.trackers[input.provider];
  if (!tracker)
    throw new ValidationError('Tracker not connected.', {
      tracker: `${input.provider === 'github' ? 'GitHub' : 'Linear'} is not connected to dutyloop.`,
    });
  let created: Awaited<ReturnType<typeof tracker.create>>;
  try {
    // Whatever was typed in the form, a public repository gets no customer: no name,
    // company, e-mail, phone number or Slack id, in the quote or a `Customer:` line.
    const isPrivate = await withTimeout(tracker.createsPrivate(), trackerTimeoutMs);
    const share = mayShareCustomerData({
      allowCustomerData: ctx.config.file.feedback.allowCustomerData,
      provider: input.provider,
      isPrivate,
    });
    const who = await customerOf(ctx, ticket);
    const clean = (s: string) => (share ? s : redactCustomerData(s.replace(customerLinePattern, ''), who));
    created = await withTimeout(
      tracker.create({ title: clean(input.title.trim()), body: clean(input.body) }),
      trackerTimeoutMs * 2,
    );
  } catch (err) {
    ctx.log.warn({ err, provider: input.provider }, 'feedback: creating an issue failed');
    throw new ValidationError('The tracker did not create the issue.', {
      title: `${input.provider === 'github' ? 'GitHub' : 'Linear'} did not create the issue (${String((err as Error).message).slice(0, 80)}). Try again.`,
    });
  }
  const now = ctx.clock.now().getTime();
  return inTransaction(ctx, async (tx) => {
    const feedback = tx.repos.feedback;
    const row = await feedback.upsertIssue(tx.workspaceId, created, now);
    const { created: linked } = await feedback.link({
      ws: tx.workspaceId,
      ticket,
      issueId: row.id,
      linkedBy: input.linkedBy,
      now,
    });
    if (linked) {
      await enqueueWriteback(tx, row);
      await noteLinkInThread(tx, ticket, row, input.linkedBy);
    }
    return { issueId: row.id, key: row.key, created: linked, trackerReachable: true };
  });
}
