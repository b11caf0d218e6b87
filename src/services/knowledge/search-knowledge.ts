import { inverseFrequency, scoreDoc } from '../../domain/knowledge/similarity';
import { correctSpelling } from '../../domain/knowledge/spelling';
import { terms, words } from '../../domain/knowledge/terms';
import type { Ctx } from '../context';
import type { KnowledgeHit } from '../ports/knowledge';
import type { KnowledgeDoc, KnowledgeStore } from '../ports/knowledge-store';
import { indexedSections } from './runbook-index';

export { backfillKnowledge, indexTicket } from './index-knowledge';

/**
 * Relevance a precedent must reach to be offered unasked, tuned on the
 * labelled set (tests/fixtures/knowledge/precedents.json): below it, customers'
 * unrelated questions that merely share a product word ("export", "invoice").
 */
export const ticketThreshold = 0.285;
export const runbookThreshold = 0.3;
const maxQueryTerms = 64;
const candidates = 100;
/** Postings a BM25-ranked candidate query may touch before it reads newest-first instead. */
const rankBudget = 8_000;
const summaryLength = 300;
/** Known terms sharing a misspelt word's first two letters that are compared with it. */
const spellingCandidates = 5_000;
/** Misspelt words looked up per query: a paste of unknown words must not cost a scan each. */
const maxCorrections = 8;

type Input = { text: string; limit?: number; excludeTicketId?: number };

/**
 * The best matches for a text among resolved tickets and runbook sections,
 * best first, any relevance above zero. Never throws on odd input: the text
 * only ever reaches the index as quoted stemmed terms.
 */
export async function searchKnowledge({ ctx, input }: { ctx: Ctx; input: Input }): Promise<KnowledgeHit[]> {
  const limit = Math.max(1, Math.min(input.limit ?? 5, 50));
  const all = await scoreAll(ctx, input.text ?? '', input.excludeTicketId);
  return all.slice(0, limit);
}

/** What is relevant enough to offer in a new ticket's thread: up to 3 tickets and 1 runbook section; [] when nothing is. */
export async function findPrecedents({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { ticketId: number };
}): Promise<KnowledgeHit[]> {
  const [t] = await ctx.repos.knowledge.sources(ctx.workspaceId, [input.ticketId]);
  if (!t) return [];
  const hits = await scoreAll(ctx, `${t.subject ?? ''}\n${t.text}`, t.id);
  const tickets = hits.filter((h) => h.kind === 'ticket' && h.score >= ticketThreshold).slice(0, 3);
  const runbook = hits.filter((h) => h.kind === 'runbook' && h.score >= runbookThreshold).slice(0, 1);
  return [...tickets, ...runbook];
}

async function scoreAll(ctx: Ctx, text: string, excludeTicketId: number | undefined): Promise<KnowledgeHit[]> {
  const repo = ctx.repos.knowledge;
  const query = await queryTerms(repo, text);
  if (query.length === 0) return [];
  const docs = (await findCandidates(ctx, repo, query)).filter((d) => d.id !== excludeTicketId);
  const sections = indexedSections(ctx.runbooks);
  const split = (s: string) => (s ? s.split(' ') : []);
  const docTerms = docs.map((d) => ({
    id: d.id,
    doc: { question: split(d.question), resolution: split(d.resolution), issues: split(d.issues) },
  }));
  const vocabulary = new Set(query);
  for (const d of docTerms) for (const t of [...d.doc.question, ...d.doc.issues]) vocabulary.add(t);
  for (const s of sections) for (const t of [...s.doc.question, ...s.doc.issues]) vocabulary.add(t);
  const total = await repo.documentCount();
  const df = await repo.documentFrequencies([...vocabulary]);
  const idf = (t: string) => inverseFrequency(df.get(t) ?? 0, total);

  const scored: { kind: 'ticket' | 'runbook'; id: number | string; score: number }[] = [];
  for (const d of docTerms) {
    const score = scoreDoc(query, d.doc, idf);
    if (score > 0) scored.push({ kind: 'ticket', id: d.id, score });
  }
  const sectionByKey = new Map(sections.map((s) => [s.section.key, s.section]));
  for (const s of sections) {
    const score = scoreDoc(query, s.doc, idf);
    if (score > 0) scored.push({ kind: 'runbook', id: s.section.key, score });
  }
  scored.sort((a, b) => b.score - a.score);
  const top = scored.slice(0, 50);
  const ticketIds = top.filter((s) => s.kind === 'ticket').map((s) => s.id as number);
  const rows = new Map((await repo.tickets(ctx.workspaceId, ticketIds)).map((r) => [r.id, r]));
  const hits: KnowledgeHit[] = [];
  for (const s of top) {
    const score = Math.round(s.score * 1000) / 1000;
    if (s.kind === 'runbook') {
      const sec = sectionByKey.get(s.id as string)!;
      hits.push({
        kind: 'runbook',
        id: sec.key,
        title: `${sec.runbook} — ${sec.heading}`,
        resolution: shorten(sec.text),
        resolvedBy: null,
        resolvedAt: null,
        score,
        url: sec.url,
      });
      continue;
    }
    const r = rows.get(s.id as number);
    if (!r) continue;
    hits.push({
      kind: 'ticket',
      id: r.id,
      title: shorten(r.subject?.trim() || r.text, 120),
      resolution: r.resolution,
      resolvedBy: r.resolvedBy,
      resolvedAt: r.resolvedAt,
      score,
      url: cardUrl(r.cardChannelId, r.cardTs),
    });
  }
  return hits;
}

/**
 * The distinct terms of a query, a word unknown to the index replaced by the
 * known term one edit away from it (typos), if there is one. A 10,000-character
 * paste still asks about its first words; the rest would only slow the search.
 */
async function queryTerms(repo: KnowledgeStore, text: string): Promise<string[]> {
  const out = new Set<string>();
  let corrections = 0;
  for (const word of new Set(words(text.slice(0, 4_000)))) {
    if (out.size >= maxQueryTerms) break;
    const [term] = terms(word);
    if (!term) continue;
    if (term.length < 5 || corrections >= maxCorrections || (await repo.documentFrequencies([term])).get(term)! > 0) {
      out.add(term);
      continue;
    }
    corrections++;
    // Typos in the first two letters are rare; from the third on ("dahsboard") they are found.
    const fixed = correctSpelling([term, word], await repo.termsStartingWith(term.slice(0, 2), spellingCandidates));
    out.add(fixed ?? term);
  }
  return [...out];
}

/**
 * Candidates by BM25 over the query's rarer terms while their postings stay
 * within budget; when even the rarest term is everywhere (a templated
 * history), the newest documents holding the two rarest terms instead, which
 * reads a bounded number of rows at any size.
 */
async function findCandidates(ctx: Ctx, repo: KnowledgeStore, query: string[]): Promise<KnowledgeDoc[]> {
  const df = await repo.documentFrequencies(query);
  const present = query.filter((t) => (df.get(t) ?? 0) > 0).sort((a, b) => df.get(a)! - df.get(b)!);
  if (present.length === 0) return [];
  const chosen: string[] = [];
  let postings = 0;
  for (const t of present) {
    if (postings + df.get(t)! > rankBudget) break;
    chosen.push(t);
    postings += df.get(t)!;
  }
  const quote = (t: string) => `"${t.replace(/"/g, '""')}"`;
  if (chosen.length > 0) return repo.ranked(ctx.workspaceId, chosen.map(quote).join(' OR '), candidates);
  const rare = present.slice(0, 2).map(quote).join(' ');
  const both = await repo.newest(ctx.workspaceId, rare, candidates);
  return both.length > 0 ? both : repo.newest(ctx.workspaceId, quote(present[0]!), candidates);
}

function shorten(text: string, max = summaryLength): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}

/** The ticket's card in Slack (Slack's archive link opens it in the reader's workspace). */
function cardUrl(channel: string | null, ts: string | null): string | null {
  return channel && ts ? `https://slack.com/archives/${channel}/p${ts.replace('.', '')}` : null;
}
