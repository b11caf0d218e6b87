import type { WebClient } from '@slack/web-api';
import { commonWords } from '../../domain/tickets/burst';
import type { Ctx } from '../../services/context';
import { enqueuePrecedents } from '../../services/knowledge/post-precedents';
import { ticketFilesEvent } from '../../services/tickets/create-ticket';
import { dutyTeamAt } from '../../services/tickets/duty-team';
import { enqueueTicketCard, ticketCardKind } from '../../services/tickets/enqueue-card';
import { ratingRequestKind } from '../../services/tickets/request-rating';
import { inTransaction } from '../../services/transaction';
import { PermanentError } from '../outbox/errors';
import type { OutboxHandler } from '../outbox/worker';
import { ratingToken } from '../signed-values';
import { burstCardBlocks } from './blocks/ticket-burst';
import { ticketCardBlocks, type CardFile, type CardTicket } from './blocks/ticket-card';
import { ratingRequestBlocks } from './blocks/ticket-rating';
import { performSlackCall } from './outbox';

/** A burst: this many tickets waiting for their first card. */
const burstMinWaiting = 5;
/** While a burst lasts, every n-th slot of the channel refreshes the burst card. */
const burstRefreshEvery = 10;

/** The ticket as its card shows it, or null when it is gone. */
async function cardTicket(ctx: Ctx, id: number): Promise<CardTicket | null> {
  const tickets = ctx.repos.tickets;
  const t = await tickets.byId(ctx.workspaceId, id);
  if (!t) return null;
  const c = t.customerId ? await tickets.customer(t.customerId) : undefined;
  const reopened = await tickets.hasEvent(id, 'reopened');
  const files = await tickets.eventData(id, ticketFilesEvent);
  return {
    id: t.id,
    source: t.source,
    subject: t.subject,
    text: t.text,
    url: t.url,
    permalink: t.permalink,
    priority: t.priority,
    status: t.status,
    requesterSlackId: t.requesterSlackId,
    customerName: c?.name ?? null,
    customerEmail: c?.email ?? null,
    customerCompany: c?.company ?? null,
    originChannelId: t.originChannelId,
    claimedBy: t.claimedBy,
    resolvedBy: t.resolvedBy,
    resolution: t.resolution,
    createdAt: t.createdAt,
    reopened,
    files: Array.isArray(files) ? (files as CardFile[]) : [],
    topic: t.topic,
    topics: Object.keys(ctx.config.file.topics),
    helpedBy: t.status === 'resolved' ? await ctx.repos.precedents.helpedTickets(ctx.workspaceId, id) : [],
  };
}

/**
 * Posts the card the first time (and remembers its ts), updates it in place
 * after that. Rendered when sent, so a burst of changes shows the latest state.
 */
export function ticketOutboxHandlers(
  ctx: Ctx,
  slack: WebClient | undefined,
  linkSecret: string,
): Record<string, OutboxHandler> {
  const { tickets, bursts } = ctx.repos;
  return {
    [ticketCardKind]: async (job) => {
      if (!slack) throw new PermanentError('Slack is not configured');
      const { ticketId, channel } = job.payload as { ticketId: number; channel: string };
      const t = await cardTicket(ctx, ticketId);
      if (!t) return { skipped: 'ticket gone' };
      const row = (await tickets.byId(ctx.workspaceId, ticketId))!;
      const duty = await dutyTeamAt(ctx);
      const mention = duty?.onDuty.length ? `${duty.name}: ${duty.onDuty.map((u) => `<@${u}>`).join(' ')}` : null;
      const { text, blocks } = ticketCardBlocks(t, mention);
      if (row.cardTs && row.cardChannelId) {
        return performSlackCall(slack, {
          ...job,
          payload: { method: 'chat.update', args: { channel: row.cardChannelId, ts: row.cardTs, text, blocks } },
        });
      }
      // In a burst, some of the channel's slots go to one burst card (count and common words);
      // the ticket's own card goes back in the queue and follows as the pace allows.
      const current = await bursts.get(ctx.workspaceId, channel);
      const waiting = (await tickets.countWaitingForCard(ctx.workspaceId)) - 1;
      if (waiting >= burstMinWaiting && !job.uncertain && (!current || current.slots >= burstRefreshEvery)) {
        const since = current?.since ?? ctx.clock.now().getTime();
        const card = burstCardBlocks({
          waiting: waiting + 1,
          words: commonWords(await tickets.textsWaitingForCard(ctx.workspaceId, 500), 5),
          since,
          mention,
        });
        let where = current ? { channel: current.cardChannelId, ts: current.cardTs } : null;
        if (where) {
          await performSlackCall(slack, { ...job, payload: { method: 'chat.update', args: { ...where, ...card } } });
        } else {
          const r = (await performSlackCall(slack, {
            ...job,
            payload: {
              method: 'chat.postMessage',
              args: {
                channel,
                ...card,
                metadata: { event_type: 'dutyloop_outbox', event_payload: { key: `ticket.burst:${since}` } },
              },
            },
          })) as { ts?: string; channel?: string };
          if (r.ts) where = { channel: r.channel ?? channel, ts: r.ts };
        }
        await inTransaction(ctx, async (tx) => {
          if (where)
            await tx.repos.bursts.save({
              workspaceId: ctx.workspaceId,
              channelId: channel,
              cardChannelId: where.channel,
              cardTs: where.ts,
              since,
            });
          await enqueueTicketCard(tx, ticketId);
        });
        return { burst: true };
      }
      if (waiting <= 0) await bursts.end(ctx.workspaceId, channel);
      else await bursts.countSlot(ctx.workspaceId, channel);
      const args = {
        channel,
        text,
        blocks,
        unfurl_links: false,
        metadata: { event_type: 'dutyloop_outbox', event_payload: { key: `ticket.card:${ticketId}` } },
      };
      const res = (await performSlackCall(slack, { ...job, payload: { method: 'chat.postMessage', args } })) as {
        channel?: string;
        ts?: string;
      };
      if (res.ts) {
        const cardTs = res.ts;
        // The same ts stored and the precedents queued under one key, however many times it runs.
        await inTransaction(
          ctx,
          async (tx) => {
            await tx.repos.tickets.update(tx.workspaceId, ticketId, { cardChannelId: res.channel ?? channel, cardTs });
            await enqueuePrecedents(tx, ticketId, channel);
          },
          { idempotent: true },
        );
      }
      return { channel: res.channel, ts: res.ts };
    },
    [ratingRequestKind]: async (job) => {
      if (!slack) throw new PermanentError('Slack is not configured');
      const t = await tickets.byId(ctx.workspaceId, (job.payload as { ticketId: number }).ticketId);
      if (!t || t.ratedAt !== null) return { skipped: 'gone or rated' };
      if (t.requesterSlackId) {
        const { text, blocks } = ratingRequestBlocks(t);
        return performSlackCall(slack, {
          ...job,
          payload: { method: 'chat.postMessage', args: { channel: t.requesterSlackId, text, blocks } },
        });
      }
      if (!t.cardChannelId || !t.cardTs) return { skipped: 'no card' };
      const link = `${(ctx.config.env.publicUrl ?? '').replace(/\/$/, '')}/rate/${ratingToken(linkSecret, t.id)}`;
      return performSlackCall(slack, {
        ...job,
        payload: {
          method: 'chat.postMessage',
          args: {
            channel: t.cardChannelId,
            thread_ts: t.cardTs,
            text: `:star: Rating link for the customer (single use): ${link}`,
          },
        },
      });
    },
  };
}
