import type { WebClient } from '@slack/web-api';
import type { Runtime } from '../../app/runtime';
import { PrecedentsRepo } from '../../adapters/db/precedents.repo';
import { TicketsRepo } from '../../adapters/db/tickets.repo';
import { withTransaction } from '../../adapters/db/transaction';
import { PermanentError } from '../../adapters/outbox/errors';
import { OutboxRepo } from '../../adapters/outbox/outbox.repo';
import type { OutboxHandler } from '../../adapters/outbox/worker';
import { precedentsBlocks, type OfferedPrecedent } from '../../adapters/slack/blocks/precedents';
import { performSlackCall } from '../../adapters/slack/outbox';
import type { Ctx } from '../context';
import type { KnowledgeHit } from '../ports/knowledge';
import { findPrecedents } from './search-knowledge';

export const ticketPrecedentsKind = 'ticket.precedents';
export const postPrecedentsKind = 'ticket.precedents.post';
/** The search runs off the channel's paced lane: a ticket with no precedent costs the channel no message slot. */
const searchLane = 'knowledge:precedents';
/** The ticket event that keeps the precedents exactly as they were offered, so a retry or a verdict shows the same ones. */
export const precedentsOfferedEvent = 'precedents.offered';

const maxTickets = 3;
const maxRunbooks = 1;

/**
 * Queues the search for precedents once the card has its ts. Its own job (not
 * part of intake or the card post), so a slow search never holds a ticket
 * back; the key makes a second enqueue for the same ticket a no-op, so a
 * re-posted or recovered card never asks twice. The thread reply, when there
 * is something to say, is a second job in the channel's lane.
 */
export function enqueuePrecedents(ctx: Pick<Ctx, 'db' | 'clock' | 'workspaceId'>, ticketId: number, channel: string): void {
  new OutboxRepo(ctx.db).enqueue(
    ctx.workspaceId,
    { kind: ticketPrecedentsKind, lane: searchLane, payload: { ticketId, channel }, dedupeKey: `ticket.precedents:${ticketId}` },
    ctx.clock.now().getTime(),
  );
}

/** The precedents offered for a ticket, with their verdicts; [] when none were. */
export function loadOfferedPrecedents(ctx: Ctx, ticketId: number): OfferedPrecedent[] {
  const hits = new TicketsRepo(ctx.db).eventData(ticketId, precedentsOfferedEvent) as KnowledgeHit[] | null | undefined;
  if (!Array.isArray(hits)) return [];
  const rows = new PrecedentsRepo(ctx.db).forTicket(ctx.workspaceId, ticketId);
  const out: OfferedPrecedent[] = [];
  for (const hit of hits) {
    const row = rows.find((r) => r.kind === hit.kind && r.ref === String(hit.id));
    if (row) out.push({ suggestionId: row.id, hit, verdict: row.verdict, verdictBy: row.verdictBy });
  }
  return out;
}

/** Up to three tickets and one runbook section, never the ticket itself. */
function pickPrecedents(ticketId: number, hits: KnowledgeHit[]): KnowledgeHit[] {
  const tickets = hits.filter((h) => h.kind === 'ticket' && Number(h.id) !== ticketId).slice(0, maxTickets);
  const runbooks = hits.filter((h) => h.kind === 'runbook').slice(0, maxRunbooks);
  return [...tickets, ...runbooks];
}

/**
 * Keeps what was found (suggestion rows plus the offered hits, the first time
 * only) and queues the thread reply, in one transaction; the reply shows what
 * was kept, so a retry posts the same.
 */
async function offerPrecedents(ctx: Ctx, ticketId: number, channel: string): Promise<number> {
  const picked = pickPrecedents(ticketId, await findPrecedents({ ctx, input: { ticketId } }));
  if (picked.length === 0) return 0;
  const now = ctx.clock.now().getTime();
  withTransaction(ctx, (tx) => {
    const tickets = new TicketsRepo(tx.db);
    if (!tickets.hasEvent(ticketId, precedentsOfferedEvent)) {
      new PrecedentsRepo(tx.db).saveOffered(tx.workspaceId, ticketId, picked.map((h, rank) => ({ kind: h.kind, ref: String(h.id), rank, score: h.score })), now);
      tickets.addEvent(tx.workspaceId, ticketId, precedentsOfferedEvent, null, now, picked);
    }
    new OutboxRepo(tx.db).enqueue(tx.workspaceId, { kind: postPrecedentsKind, lane: `slack:post:${channel}`, payload: { ticketId }, dedupeKey: `ticket.precedents.post:${ticketId}` }, now);
  });
  return picked.length;
}

const markerKey = (ticketId: number) => `ticket.precedents:${ticketId}`;

/**
 * A reply already in the card's thread with our marker. The generic recovery
 * reads the channel's history, which holds no thread replies, so the thread
 * is read here.
 */
async function findPostedReply(slack: WebClient, channel: string, threadTs: string, key: string): Promise<string | undefined> {
  const replies = await slack.conversations.replies({ channel, ts: threadTs, limit: 200, include_all_metadata: true });
  const hit = replies.messages?.find((m) => {
    const meta = (m as { metadata?: { event_type?: string; event_payload?: { key?: string } } }).metadata;
    return meta?.event_type === 'dutyloop_outbox' && meta.event_payload?.key === key;
  });
  return hit?.ts;
}

export function precedentsOutboxHandlers(rt: Runtime): Record<string, OutboxHandler> {
  const { ctx } = rt;
  return {
    [ticketPrecedentsKind]: async (job) => {
      const { ticketId, channel } = job.payload as { ticketId: number; channel: string };
      const precedents = await offerPrecedents(ctx, ticketId, channel);
      if (precedents > 0) rt.outbox.kick();
      return { precedents };
    },
    [postPrecedentsKind]: async (job) => {
      const slack = ctx.slack;
      if (!slack) throw new PermanentError('Slack is not configured');
      const { ticketId } = job.payload as { ticketId: number };
      const t = new TicketsRepo(ctx.db).byId(ctx.workspaceId, ticketId);
      if (!t || !t.cardChannelId || !t.cardTs) return { skipped: 'no card' };
      // Resolved before its turn in the channel came (a burst): the thread needs no hints any more.
      if (t.status === 'resolved') return { skipped: 'resolved' };
      const offered = loadOfferedPrecedents(ctx, ticketId);
      if (offered.length === 0) return { skipped: 'nothing offered' };
      const key = markerKey(ticketId);
      // An interrupted or failed earlier attempt may have reached Slack (a lost answer): look before posting again.
      if (job.uncertain || job.attempts > 1) {
        const ts = await findPostedReply(slack, t.cardChannelId, t.cardTs, key);
        if (ts) return { ok: true, channel: t.cardChannelId, ts, recovered: true };
      }
      const { text, blocks } = precedentsBlocks(ticketId, offered);
      const args = { channel: t.cardChannelId, thread_ts: t.cardTs, text, blocks, unfurl_links: false, metadata: { event_type: 'dutyloop_outbox', event_payload: { key } } };
      return performSlackCall(slack, { ...job, uncertain: false, payload: { method: 'chat.postMessage', args } });
    },
  };
}
