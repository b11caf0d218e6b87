import { sql } from 'drizzle-orm';
import { TicketsRepo } from '../../adapters/db/tickets.repo';
import { PermanentError } from '../../adapters/outbox/errors';
import type { OutboxHandler } from '../../adapters/outbox/worker';
import { performSlackCall } from '../../adapters/slack/outbox';
import { ticketCardBlocks, type CardFile, type CardTicket } from '../../adapters/slack/blocks/ticket-card';
import { ticketFilesEvent } from './create-ticket';
import { ticketCardKind } from './enqueue-card';
import { ratingRequestKind } from './request-rating';
import { ratingToken } from '../../adapters/signed-values';
import { ratingRequestBlocks } from '../../adapters/slack/blocks/ticket-rating';
import { dutyTeamAt } from './duty-team';
import type { Ctx } from '../context';
import { commonWords } from '../../domain/tickets/burst';
import { burstCardBlocks } from '../../adapters/slack/blocks/ticket-burst';
import { enqueueTicketCard } from './enqueue-card';
import { withTransaction } from '../../adapters/db/transaction';
import { TicketBurstsRepo } from '../../adapters/db/ticket-bursts.repo';
import { PrecedentsRepo } from '../../adapters/db/precedents.repo';
import { enqueuePrecedents } from '../knowledge/post-precedents';

/** A burst: this many tickets waiting for their first card. */
const burstMinWaiting = 5;
/** While a burst lasts, every n-th slot of the channel refreshes the burst card. */
const burstRefreshEvery = 10;

/** The ticket as its card shows it, or null when it is gone. */
export function cardTicket(ctx: Ctx, id: number): CardTicket | null {
  const repo = new TicketsRepo(ctx.db);
  const t = repo.byId(ctx.workspaceId, id);
  if (!t) return null;
  const c = t.customerId ? repo.customer(t.customerId) : undefined;
  const reopened = repo.hasEvent(id, 'reopened');
  const files = repo.eventData(id, ticketFilesEvent);
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
    helpedBy: t.status === 'resolved' ? new PrecedentsRepo(ctx.db).helpedTickets(ctx.workspaceId, id) : [],
  };
}

/**
 * Posts the card the first time (and remembers its ts), updates it in place
 * after that. Rendered when sent, so a burst of changes shows the latest state.
 */
export function ticketOutboxHandlers(ctx: Ctx, linkSecret: string): Record<string, OutboxHandler> {
  const waitingTexts = () =>
    ctx.db
      .all<{ text: string }>(
        sql`SELECT text FROM tickets WHERE workspace_id = ${ctx.workspaceId} AND card_ts IS NULL ORDER BY id DESC LIMIT 500`,
      )
      .map((r) => r.text);
  const waitingCount = () =>
    ctx.db.get<{ n: number }>(
      sql`SELECT count(*) AS n FROM tickets WHERE workspace_id = ${ctx.workspaceId} AND card_ts IS NULL`,
    )?.n ?? 0;
  return {
    [ticketCardKind]: async (job) => {
      const slack = ctx.slack;
      if (!slack) throw new PermanentError('Slack is not configured');
      const { ticketId, channel } = job.payload as { ticketId: number; channel: string };
      const t = cardTicket(ctx, ticketId);
      if (!t) return { skipped: 'ticket gone' };
      const row = new TicketsRepo(ctx.db).byId(ctx.workspaceId, ticketId)!;
      const duty = dutyTeamAt(ctx);
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
      const bursts = new TicketBurstsRepo(ctx.db);
      const current = bursts.get(ctx.workspaceId, channel);
      const waiting = waitingCount() - 1;
      if (waiting >= burstMinWaiting && !job.uncertain && (!current || current.slots >= burstRefreshEvery)) {
        const since = current?.since ?? ctx.clock.now().getTime();
        const card = burstCardBlocks({ waiting: waiting + 1, words: commonWords(waitingTexts(), 5), since, mention });
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
        withTransaction(ctx, (tx) => {
          if (where)
            new TicketBurstsRepo(tx.db).save({
              workspaceId: ctx.workspaceId,
              channelId: channel,
              cardChannelId: where.channel,
              cardTs: where.ts,
              since,
            });
          enqueueTicketCard(tx, ticketId);
        });
        return { burst: true };
      }
      if (waiting <= 0) bursts.end(ctx.workspaceId, channel);
      else bursts.countSlot(ctx.workspaceId, channel);
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
        withTransaction(ctx, (tx) => {
          new TicketsRepo(tx.db).update(tx.workspaceId, ticketId, {
            cardChannelId: res.channel ?? channel,
            cardTs: res.ts,
          });
          enqueuePrecedents(tx, ticketId, channel);
        });
      }
      return { channel: res.channel, ts: res.ts };
    },
    [ratingRequestKind]: async (job) => {
      const slack = ctx.slack;
      if (!slack) throw new PermanentError('Slack is not configured');
      const t = new TicketsRepo(ctx.db).byId(ctx.workspaceId, (job.payload as { ticketId: number }).ticketId);
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
