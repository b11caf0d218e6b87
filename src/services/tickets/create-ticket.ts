import { TicketsRepo } from '../../adapters/db/tickets.repo';
import { withTransaction } from '../../adapters/db/transaction';
import { markDelivered } from '../../adapters/db/deliveries.repo';
import { enqueueSlack } from '../../adapters/slack/outbox';
import { customerKey, type CustomerInput } from '../../domain/tickets/customer';
import { ValidationError } from '../../domain/errors';
import { earliestStepAt } from '../../domain/tickets/targets';
import { assignTopic } from '../../domain/knowledge/topics';
import type { Ctx } from '../context';
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
export function createTicket({ ctx, input }: { ctx: Ctx; input: CreateTicketInput }): { id: number; created: boolean } {
  if (!input.text.trim()) throw new ValidationError('text is required', { text: 'must not be empty' });
  const now = ctx.clock.now().getTime();
  const dutyTeamId = dutyTeamIdNow(ctx);
  const spec = targetSpec(ctx);
  const topic = assignTopic(input.subject ? `${input.subject}\n${input.text}` : input.text, ctx.config.file.topics);
  return withTransaction(ctx, (tx) => {
    const repo = new TicketsRepo(tx.db);
    // One ticket per Slack message, whichever path (intake, reaction, shortcut) saw it first.
    const seen =
      repo.idBySourceExternal(tx.workspaceId, input.source, input.externalId) ??
      (input.originChannelId && input.originTs
        ? repo.idByOrigin(tx.workspaceId, input.originChannelId, input.originTs)
        : undefined);
    if (seen !== undefined) return { id: seen, created: false };
    if (input.deliveryId && !markDelivered(tx.db, 'slack', input.deliveryId, now)) return { id: 0, created: false };
    const customer = { ...input.customer, slackUserId: input.customer?.slackUserId ?? input.requesterSlackId ?? null };
    const key = customerKey(customer);
    const customerId = key
      ? repo.upsertCustomer(tx.workspaceId, key, { ...customer, externalId: customer.id ?? null }, now)
      : null;
    const id = repo.insert({
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
      return { id: repo.idBySourceExternal(tx.workspaceId, input.source, input.externalId)!, created: false };
    repo.addEvent(tx.workspaceId, id, 'created', input.createdBy ?? input.requesterSlackId ?? null, now, {
      source: input.source,
    });
    if (input.files?.length) repo.addEvent(tx.workspaceId, id, ticketFilesEvent, null, now, input.files);
    enqueueTicketCard(tx, id, true);
    const dutyChannel = ctx.config.file.dutyChannel;
    if (input.source === 'intake' && input.originChannelId && input.originTs && dutyChannel) {
      enqueueSlack(
        tx,
        {
          method: 'chat.postMessage',
          args: {
            channel: input.originChannelId,
            thread_ts: input.originTs,
            text: `Thanks — this is ticket #${id}; the duty team picks it up in <#${dutyChannel}>.`,
          },
        },
        { dedupeKey: `ticket.ack:${id}` },
      );
    }
    return { id, created: true };
  });
}
