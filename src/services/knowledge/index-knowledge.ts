import { KnowledgeRepo, type KnowledgeSource } from '../../adapters/db/knowledge.repo';
import { withTransaction } from '../../adapters/db/transaction';
import { terms, words } from '../../domain/knowledge/terms';
import type { Ctx } from '../context';

/** Bump when terms() changes how it reads text: the backfill re-indexes every older document. */
export const termsVersion = 1;
const backfillChunk = 500;

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

function indexSources(repo: KnowledgeRepo, ctx: Ctx, sources: KnowledgeSource[], now: number): void {
  const docs = [];
  for (const s of sources) {
    if (s.status !== 'resolved') {
      repo.remove(s.id);
      continue;
    }
    docs.push({
      id: s.id,
      question: cachedTerms(`${s.subject ?? ''}\n${s.text}`),
      resolution: cachedTerms(s.resolution ?? ''),
      issues: cachedTerms(s.issueTitles.join('\n')),
    });
  }
  repo.put(ctx.workspaceId, docs, termsVersion, now);
}

/**
 * (Re)indexes one ticket: a resolved ticket becomes a precedent with its
 * subject, text, resolution note and linked issues' titles; any other is taken
 * out. Synchronous, so the resolve and link paths call it inside their own
 * transaction and a ticket is never resolved without being findable.
 */
export function indexTicket({ ctx, input }: { ctx: Ctx; input: { ticketId: number } }): void {
  const repo = new KnowledgeRepo(ctx.db);
  const [source] = repo.sources(ctx.workspaceId, [input.ticketId]);
  if (source) indexSources(repo, ctx, [source], ctx.clock.now().getTime());
  else repo.remove(input.ticketId);
}

/**
 * Indexes resolved tickets that are not indexed yet (a deployment from before
 * the index, the demo seed, a crash between resolve and index), a chunk per
 * event-loop turn so requests keep being served. Returns how many it indexed.
 */
export async function backfillKnowledge({
  ctx,
  input = {},
}: {
  ctx: Ctx;
  input?: { chunk?: number; max?: number };
}): Promise<number> {
  const repo = new KnowledgeRepo(ctx.db);
  const chunk = input.chunk ?? backfillChunk;
  let after = 0;
  let done = 0;
  for (;;) {
    if (input.max !== undefined && done >= input.max) break;
    const ids = repo.unindexed(ctx.workspaceId, after, termsVersion, chunk);
    if (ids.length === 0) break;
    const now = ctx.clock.now().getTime();
    withTransaction(ctx, (tx) => {
      const r = new KnowledgeRepo(tx.db);
      indexSources(r, tx, r.sources(tx.workspaceId, ids), now);
    });
    done += ids.length;
    after = ids[ids.length - 1]!;
    await new Promise((r) => setImmediate(r));
  }
  return done;
}
