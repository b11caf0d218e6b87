import { customerKey, type CustomerInput } from '../../domain/tickets/customer';
import { ValidationError } from '../../domain/errors';
import { earliestStepAt } from '../../domain/tickets/targets';
import { assignTopic } from '../../domain/knowledge/topics';
import type { Ctx } from '../context';
import type { CustomerUpsert, IntakeTicket, NewTicketEvent } from '../ports/tickets';
import { inTransaction } from '../transaction';
import { targetSpec } from './check-targets';
import { dutyTeamIdNow } from './duty-team';
import { enqueueFirstTicketCards } from './enqueue-card';

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

export interface Created {
  id: number;
  /** False when the ticket existed (a retry, a double click, another path that saw the message first). */
  created: boolean;
}

/** One ticket's outcome among many: its result, or the error that refused it alone. */
export type Outcome = { ok: true; value: Created } | { ok: false; error: unknown };

/**
 * Stores the ticket and its customer, and queues its card — all in one
 * transaction, so the ticket is committed before any Slack call and a crash
 * never leaves a ticket without its card. The same (source, externalId)
 * returns the existing ticket: retries and double clicks make one ticket.
 */
export async function createTicket({ ctx, input }: { ctx: Ctx; input: CreateTicketInput }): Promise<Created> {
  const [outcome] = await createTickets({ ctx, inputs: [input] });
  if (!outcome!.ok) throw outcome!.error;
  return outcome!.value;
}

/**
 * `createTicket` for many tickets in one transaction, each step taken for all
 * of them at once (one duplicate check, one insert of the customers, of the
 * tickets, of their events, of their cards), so a burst costs a few statements
 * rather than a few per ticket. An input refused on its own (empty text) gets
 * its error in its place; anything else that fails rolls back the lot and
 * rejects.
 */
export async function createTickets({
  ctx,
  inputs,
}: {
  ctx: Ctx;
  inputs: readonly CreateTicketInput[];
}): Promise<Outcome[]> {
  const outcomes: (Outcome | undefined)[] = inputs.map((input) =>
    input.text.trim()
      ? undefined
      : { ok: false, error: new ValidationError('text is required', { text: 'must not be empty' }) },
  );
  const valid = inputs.flatMap((input, i) => (outcomes[i] ? [] : [{ input, at: i }]));
  if (valid.length > 0) {
    const created = await storeTickets(
      ctx,
      valid.map((v) => v.input),
    );
    valid.forEach((v, k) => {
      outcomes[v.at] = { ok: true, value: created[k]! };
    });
  }
  return outcomes as Outcome[];
}

async function storeTickets(ctx: Ctx, inputs: readonly CreateTicketInput[]): Promise<Created[]> {
  const now = ctx.clock.now().getTime();
  const dutyTeamId = await dutyTeamIdNow(ctx);
  const nextTargetAt = earliestStepAt(now, targetSpec(ctx));
  const topics = ctx.config.file.topics;
  return inTransaction(
    ctx,
    async (tx) => {
      const tickets = tx.repos.tickets;
      const results: Created[] = [];
      const fresh: number[] = [];
      for (const [i, input] of inputs.entries()) {
        const fromMessage = Boolean(input.originChannelId && input.originTs);
        // Anything else seen before is found by the insert itself: source and external id are unique together.
        if (!fromMessage && !input.deliveryId) {
          fresh.push(i);
          continue;
        }
        // One ticket per Slack message, whichever path (intake, reaction, shortcut) saw it first.
        const seen =
          (await tickets.idBySourceExternal(tx.workspaceId, input.source, input.externalId)) ??
          (fromMessage ? await tickets.idByOrigin(tx.workspaceId, input.originChannelId!, input.originTs!) : undefined);
        if (seen !== undefined) results[i] = { id: seen, created: false };
        else if (input.deliveryId && !(await tx.repos.deliveries.mark('slack', input.deliveryId, now)))
          results[i] = { id: 0, created: false };
        else fresh.push(i);
      }
      if (fresh.length === 0) return results;

      const customers = fresh.map((i) => customerOf(inputs[i]!));
      const withKey = customers.filter((c): c is CustomerUpsert => c !== null);
      const customerIds = await tickets.upsertCustomers(tx.workspaceId, withKey, now);
      const customerIdOf = new Map(withKey.map((c, k) => [c.key, customerIds[k]!]));
      const rows = fresh.map((i, k): IntakeTicket => {
        const input = inputs[i]!;
        const customerKey = customers[k]?.key ?? null;
        return {
          workspaceId: tx.workspaceId,
          source: input.source,
          externalId: input.externalId,
          customerId: customerKey ? customerIdOf.get(customerKey)! : null,
          customerKey,
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
          nextTargetAt,
          createdAt: now,
          updatedAt: now,
          topic: assignTopic(input.subject ? `${input.subject}\n${input.text}` : input.text, topics),
        };
      });
      const ids = await tickets.insertMany(rows);

      const events: NewTicketEvent[] = [];
      const cards: number[] = [];
      for (const [k, i] of fresh.entries()) {
        const input = inputs[i]!;
        const id = ids[k];
        if (id === null || id === undefined) {
          // Stored before under the same key (a retry, a concurrent request), or earlier in this batch.
          results[i] = {
            id: (await tickets.idBySourceExternal(tx.workspaceId, input.source, input.externalId))!,
            created: false,
          };
          continue;
        }
        results[i] = { id, created: true };
        const actor = input.createdBy ?? input.requesterSlackId ?? null;
        events.push({
          workspaceId: tx.workspaceId,
          ticketId: id,
          type: 'created',
          actor,
          at: now,
          data: { source: input.source },
        });
        if (input.files?.length)
          events.push({
            workspaceId: tx.workspaceId,
            ticketId: id,
            type: ticketFilesEvent,
            actor: null,
            at: now,
            data: input.files,
          });
        cards.push(id);
      }
      await tickets.addEvents(events);
      await enqueueFirstTicketCards(tx, cards);
      const dutyChannel = ctx.config.file.dutyChannel;
      for (const [k, i] of fresh.entries()) {
        const input = inputs[i]!;
        const id = ids[k];
        if (id === null || id === undefined) continue;
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
      }
      return results;
    },
    // Every ticket is keyed (source and external id, or its Slack message): a second run finds, never adds.
    { idempotent: true },
  );
}

/** The customer a ticket is counted under, or null when nothing identifies one. */
function customerOf(input: CreateTicketInput): CustomerUpsert | null {
  const customer = { ...input.customer, slackUserId: input.customer?.slackUserId ?? input.requesterSlackId ?? null };
  const key = customerKey(customer);
  return key ? { key, fields: { ...customer, externalId: customer.id ?? null } } : null;
}
