import { terms, words } from '../../domain/knowledge/terms';
import type { Ctx } from '../context';
import type { KnowledgeSource, KnowledgeStore } from '../ports/knowledge-store';
import { inTransaction } from '../transaction';

/** Bump when terms() changes how it reads text: the backfill re-indexes every older document. */
export const termsVersion = 1;
/** Ticket ids per backfill step, one transaction each: about 40 ms of work (FTS5 writes a segment per commit, so much smaller steps cost twice the time in merges). */
const backfillWindow = 2_000;

/**
 * terms() of a text, word by word through a cache: a support history repeats
 * its words, and stemming is most of the indexing time (same result as terms()).
 */
const stems = new Map<string, string | null>();
function cachedTerms(text: string): string {
  const out: string[] = [];
  for (const w of words(text)) {
    let stem = stems.get(w);
    if (stem === undefined) {
      stem = terms(w)[0] ?? null;
      if (stems.size >= 100_000) stems.clear();
      stems.set(w, stem);
    }
    if (stem !== null) out.push(stem);
  }
  return out.join(' ');
}

async function indexSources(repo: KnowledgeStore, ctx: Ctx, sources: KnowledgeSource[], now: number): Promise<void> {
  const docs = [];
  for (const s of sources) {
    if (s.status !== 'resolved') {
      await repo.remove(s.id);
      continue;
    }
    docs.push({
      id: s.id,
      question: cachedTerms(`${s.subject ?? ''}\n${s.text}`),
      resolution: cachedTerms(s.resolution ?? ''),
      issues: cachedTerms(s.issueTitles.join('\n')),
    });
  }
  await repo.put(ctx.workspaceId, docs, termsVersion, now);
}

/**
 * (Re)indexes one ticket: a resolved ticket becomes a precedent with its
 * subject, text, resolution note and linked issues' titles; any other is taken
 * out. The resolve and link paths call it inside their own unit of work, so a
 * ticket is never resolved without being findable.
 */
export async function indexTicket({ ctx, input }: { ctx: Ctx; input: { ticketId: number } }): Promise<void> {
  const repo = ctx.repos.knowledge;
  const [source] = await repo.sources(ctx.workspaceId, [input.ticketId]);
  if (source) await indexSources(repo, ctx, [source], ctx.clock.now().getTime());
  else await repo.remove(input.ticketId);
}

/**
 * Indexes resolved tickets not indexed yet (a deployment from before the
 * index, the demo seed, an import), from the ticket after `after` on, a window
 * of ids per event-loop turn so requests keep being served. Stops after about
 * `max` tickets; returns how many it indexed and the last id it looked at, where
 * the next run goes on (resolves index themselves, so older ids need no second look).
 */
export async function backfillKnowledge({
  ctx,
  input = {},
}: {
  ctx: Ctx;
  input?: { after?: number; max?: number };
}): Promise<{ indexed: number; upTo: number }> {
  const repo = ctx.repos.knowledge;
  const last = await repo.lastTicketId();
  let upTo = input.after ?? 0;
  let indexed = 0;
  while (upTo < last && (input.max === undefined || indexed < input.max)) {
    const from = upTo;
    upTo = Math.min(last, from + backfillWindow);
    const ids = await repo.unindexed(ctx.workspaceId, from, upTo, termsVersion);
    if (ids.length > 0) {
      const now = ctx.clock.now().getTime();
      await inTransaction(ctx, async (tx) => {
        const r = tx.repos.knowledge;
        await indexSources(r, tx, await r.sources(tx.workspaceId, ids), now);
      });
      indexed += ids.length;
    }
    await new Promise((r) => setImmediate(r));
  }
  return { indexed, upTo };
}
