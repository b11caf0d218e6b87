import { customerKey, type CustomerInput } from '../../domain/tickets/customer';
import { ValidationError } from '../../domain/errors';
import { earliestStepAt } from '../../domain/tickets/targets';
import { assignTopic } from '../../domain/knowledge/topics';
import type { Ctx } from '../context';
import { inTransaction } from '../transaction';
import { targetSpec } from './check-targets';
import { dutyTeamIdNow } from './duty-team';
import { enqueueTicketCard } from './enqueue-card';

export type Priority = 'low' | 'normal' | 'high' | 'urgent';

export interface CreateTicketInput {
  /** 'intake' | 'reaction' | 'shortcut' | 'command', or the API client's own name. */
  source: string;
  /** Dedupe key within the source: Slack `channel:ts`, the API's externalId. */
  externalId: string;
  text: string;
  subject?: string | null;
  url?: string | null;
  priority?: Priority;
  customer?: CustomerInput;
  originChannelId?: string | null;
  originTs?: string | null;
  permalink?: string | null;
  requesterSlackId?: string | null;
  createdBy?: string | null;
  /** Slack event id: a redelivered event changes nothing. */
  deliveryId?: string;
  /** Files shared with the Slack message: names and permalinks, shown on the card. */
  files?: TicketFile[];
}

export interface TicketFile {
  name: string;
  permalink: string | null;
}

export const ticketFilesEvent = 'files';

/**
 * Stores the ticket and its customer, and queues its card — all in one
 * transaction, so the ticket is committed before any Slack call and a crash
 * never leaves a ticket without its card. The same (source, externalId)
 * returns the existing ticket: retries and double clicks make one ticket.
 */
export async function createTicket({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: CreateTicketInput;
}): Promise<{ id: number; created: boolean }> {
  if (!input.text.trim()) throw new ValidationError('text is required', { text: 'must not be empty' });
  const now = ctx.clock.now().getTime();
  const dutyTeamId = await dutyTeamIdNow(ctx);
  const spec = targetSpec(ctx);
  const topic = assignTopic(input.subject ? `${input.subject}\n${input.text}` : input.text, ctx.config.file.topics);
  return inTransaction(ctx, async (tx) => {
    const tickets = tx.repos.tickets;
    // One ticket per Slack message, whichever path (intake, reaction, shortcut) saw it first.
    const seen =
      (await tickets.idBySourceExternal(tx.workspaceId, input.source, input.externalId)) ??
      (input.originChannelId && input.originTs
        ? await tickets.idByOrigin(tx.workspaceId, input.originChannelId, input.originTs)
        : undefined);
    if (seen !== undefined) return { id: seen, created: false };
    if (input.deliveryId && !(await tx.repos.deliveries.mark('slack', input.deliveryId, now)))
      return { id: 0, created: false };
    const customer = { ...input.customer, slackUserId: input.customer?.slackUserId ?? input.requesterSlackId ?? null };
    const key = customerKey(customer);
    const customerId = key
      ? await tickets.upsertCustomer(tx.workspaceId, key, { ...customer, externalId: customer.id ?? null }, now)
      : null;
    const id = await tickets.insert({
      workspaceId: tx.workspaceId,
      source: input.source,
      externalId: input.externalId,
      customerId,
      customerKey: key,
      subject: input.subject ?? null,
      text: input.text,
      url: input.url ?? null,
      priority: input.priority ?? 'normal',
      originChannelId: input.originChannelId ?? null,
      originTs: input.originTs ?? null,
      permalink: input.permalink ?? null,
      requesterSlackId: input.requesterSlackId ?? null,
      createdBy: input.createdBy ?? null,
      dutyTeamId,
      // The targets job leaves it alone until its first reminder can be due, and works out the exact instant then.
      nextTargetAt: earliestStepAt(now, spec),
      createdAt: now,
      updatedAt: now,
      topic,
    });
    if (id === null)
      return {
        id: (await tickets.idBySourceExternal(tx.workspaceId, input.source, input.externalId))!,
        created: false,
      };
    await tickets.addEvent(tx.workspaceId, id, 'created', input.createdBy ?? input.requesterSlackId ?? null, now, {
      source: input.source,
    });
    if (input.files?.length) await tickets.addEvent(tx.workspaceId, id, ticketFilesEvent, null, now, input.files);
    await enqueueTicketCard(tx, id, true);
    const dutyChannel = ctx.config.file.dutyChannel;
    if (input.source === 'intake' && input.originChannelId && input.originTs && dutyChannel) {
      await tx.notify.send(
        {
          kind: 'ticket.received',
          channel: input.originChannelId,
          threadTs: input.originTs,
          ticketId: id,
          dutyChannel,
        },
        { dedupeKey: `ticket.ack:${id}` },
      );
    }
    return { id, created: true };
  });
}
