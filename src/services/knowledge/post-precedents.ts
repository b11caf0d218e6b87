import type { Ctx } from '../context';
import type { KnowledgeHit, OfferedPrecedent } from '../ports/knowledge';
import { inTransaction } from '../transaction';
import { findPrecedents } from './search-knowledge';

export const ticketPrecedentsKind = 'ticket.precedents';
export const postPrecedentsKind = 'ticket.precedents.post';
/** The search runs off the channel's paced lane: a ticket with no precedent costs the channel no message slot. */
const searchLane = 'knowledge:precedents';
/** The ticket event that keeps the precedents exactly as they were offered, so a retry or a verdict shows the same ones. */
export const precedentsOfferedEvent = 'precedents.offered';

export type { OfferedPrecedent };

const maxTickets = 3;
const maxRunbooks = 1;

/**
 * Queues the search for precedents once the card has its ts. Its own job (not
 * part of intake or the card post), so a slow search never holds a ticket
 * back; the key makes a second enqueue for the same ticket a no-op, so a
 * re-posted or recovered card never asks twice. The thread reply, when there
 * is something to say, is a second job in the channel's lane.
 */
export async function enqueuePrecedents(
  ctx: Pick<Ctx, 'repos' | 'clock' | 'workspaceId'>,
  ticketId: number,
  channel: string,
): Promise<void> {
  await ctx.repos.outbox.enqueue(
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
export async function loadOfferedPrecedents({
  ctx,
  input: { ticketId },
}: {
  ctx: Ctx;
  input: { ticketId: number };
}): Promise<OfferedPrecedent[]> {
  const hits = (await ctx.repos.tickets.eventData(ticketId, precedentsOfferedEvent)) as
    | KnowledgeHit[]
    | null
    | undefined;
  if (!Array.isArray(hits)) return [];
  const rows = await ctx.repos.precedents.forTicket(ctx.workspaceId, ticketId);
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
  await inTransaction(ctx, async (tx) => {
    const tickets = tx.repos.tickets;
    if (!(await tickets.hasEvent(ticketId, precedentsOfferedEvent))) {
      await tx.repos.precedents.saveOffered(
        tx.workspaceId,
        ticketId,
        picked.map((h, rank) => ({ kind: h.kind, ref: String(h.id), rank, score: h.score })),
        now,
      );
      await tickets.addEvent(tx.workspaceId, ticketId, precedentsOfferedEvent, null, now, picked);
    }
    await tx.repos.outbox.enqueue(
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
