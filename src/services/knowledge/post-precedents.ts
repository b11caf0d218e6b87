import { PrecedentsRepo, type PrecedentVerdict } from '../../adapters/db/precedents.repo';
import { TicketsRepo } from '../../adapters/db/tickets.repo';
import { withTransaction } from '../../adapters/db/transaction';
import { OutboxRepo } from '../../adapters/outbox/outbox.repo';
import type { Ctx } from '../context';
import type { KnowledgeHit } from '../ports/knowledge';
import { findPrecedents } from './search-knowledge';

export const ticketPrecedentsKind = 'ticket.precedents';
export const postPrecedentsKind = 'ticket.precedents.post';
/** The search runs off the channel's paced lane: a ticket with no precedent costs the channel no message slot. */
const searchLane = 'knowledge:precedents';
/** The ticket event that keeps the precedents exactly as they were offered, so a retry or a verdict shows the same ones. */
export const precedentsOfferedEvent = 'precedents.offered';

/** A precedent as offered in a ticket's thread, with the verdict given on it so far. */
export interface OfferedPrecedent {
  suggestionId: number;
  hit: KnowledgeHit;
  verdict: PrecedentVerdict | null;
  verdictBy: string | null;
}

const maxTickets = 3;
const maxRunbooks = 1;

/**
 * Queues the search for precedents once the card has its ts. Its own job (not
 * part of intake or the card post), so a slow search never holds a ticket
 * back; the key makes a second enqueue for the same ticket a no-op, so a
 * re-posted or recovered card never asks twice. The thread reply, when there
 * is something to say, is a second job in the channel's lane.
 */
export function enqueuePrecedents(
  ctx: Pick<Ctx, 'db' | 'clock' | 'workspaceId'>,
  ticketId: number,
  channel: string,
): void {
  new OutboxRepo(ctx.db).enqueue(
    ctx.workspaceId,
    {
      kind: ticketPrecedentsKind,
      lane: searchLane,
      payload: { ticketId, channel },
      dedupeKey: `ticket.precedents:${ticketId}`,
    },
    ctx.clock.now().getTime(),
  );
}

/** The precedents offered for a ticket, with their verdicts; [] when none were. */
export function loadOfferedPrecedents({
  ctx,
  input: { ticketId },
}: {
  ctx: Ctx;
  input: { ticketId: number };
}): OfferedPrecedent[] {
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
export async function offerPrecedents({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { ticketId: number; channel: string };
}): Promise<number> {
  const { ticketId, channel } = input;
  const picked = pickPrecedents(ticketId, await findPrecedents({ ctx, input: { ticketId } }));
  if (picked.length === 0) return 0;
  const now = ctx.clock.now().getTime();
  withTransaction(ctx, (tx) => {
    const tickets = new TicketsRepo(tx.db);
    if (!tickets.hasEvent(ticketId, precedentsOfferedEvent)) {
      new PrecedentsRepo(tx.db).saveOffered(
        tx.workspaceId,
        ticketId,
        picked.map((h, rank) => ({ kind: h.kind, ref: String(h.id), rank, score: h.score })),
        now,
      );
      tickets.addEvent(tx.workspaceId, ticketId, precedentsOfferedEvent, null, now, picked);
    }
    new OutboxRepo(tx.db).enqueue(
      tx.workspaceId,
      {
        kind: postPrecedentsKind,
        lane: `slack:post:${channel}`,
        payload: { ticketId },
        dedupeKey: `ticket.precedents.post:${ticketId}`,
      },
      now,
    );
  });
  return picked.length;
}
