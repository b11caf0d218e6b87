import { sql } from 'drizzle-orm';
import type {
  KnowledgeDoc,
  KnowledgeSource,
  KnowledgeStore,
  KnowledgeTicket,
} from '../../../services/ports/knowledge-store';
import type { PgDb } from './client';
import { tsqueryFromMatch } from './tsquery';

const distinct = (doc: KnowledgeDoc) => [
  ...new Set(`${doc.question} ${doc.resolution} ${doc.issues}`.split(' ').filter(Boolean)),
];

/** The first key of the advisory locks on tickets being indexed (the second is the ticket id). */
const knowledgeLockSpace = 0x6b6e6f77;

/**
 * ts_rank_cd's weights for the D, C, B and A labels: the question (A) weighs
 * most, then the linked issues' titles (C) and the resolution (B), as SQLite's
 * bm25(knowledge_fts, 1.0, 0.6, 0.8).
 */
const weights = sql.raw(`'{0.1, 0.8, 0.6, 1.0}'::float4[]`);

/**
 * The index of resolved tickets on PostgreSQL (migrations/postgres 0001):
 * knowledge_index holds already stemmed terms in a weighted 'simple' tsvector,
 * knowledge_docs which tickets are indexed, knowledge_terms the documents per
 * term. The MATCH expressions are FTS5's, translated by tsqueryFromMatch.
 */
export class PgKnowledgeStore implements KnowledgeStore {
  constructor(private readonly db: PgDb) {}

  async sources(workspaceId: string, ids: number[]): Promise<KnowledgeSource[]> {
    if (ids.length === 0) return [];
    const rows = await this.rows<Omit<KnowledgeSource, 'issueTitles'>>(sql`
      SELECT id, status, subject, text, resolution FROM tickets
      WHERE workspace_id = ${workspaceId} AND id IN ${ids} ORDER BY id`);
    const titles = await this.rows<{ id: number; title: string }>(sql`
      SELECT l.ticket_id AS id, i.title FROM ticket_issue_links l JOIN tracker_issues i ON i.id = l.issue_id
      WHERE l.ticket_id IN ${ids} ORDER BY l.id`);
    return rows.map((r) => ({ ...r, issueTitles: titles.filter((t) => t.id === r.id).map((t) => t.title) }));
  }

  /** In a transaction of its own (a savepoint inside one), holding each ticket's lock: replicas indexing one ticket take turns. */
  async put(workspaceId: string, docs: KnowledgeDoc[], version: number, now: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      const store = new PgKnowledgeStore(tx as unknown as PgDb);
      await store.lock(docs.map((d) => d.id));
      const deltas = new Map<string, number>();
      for (const doc of docs) {
        await store.drop(doc.id, deltas);
        await store.insert(workspaceId, doc, version, now);
        for (const t of ['', ...distinct(doc)]) deltas.set(t, (deltas.get(t) ?? 0) + 1);
      }
      await store.count(deltas);
    });
  }

  async remove(ticketId: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      const store = new PgKnowledgeStore(tx as unknown as PgDb);
      await store.lock([ticketId]);
      const deltas = new Map<string, number>();
      await store.drop(ticketId, deltas);
      await store.count(deltas);
    });
  }

  async unindexed(workspaceId: string, afterId: number, upTo: number, version: number): Promise<number[]> {
    const rows = await this.rows<{ id: number }>(sql`
      SELECT t.id FROM tickets t LEFT JOIN knowledge_docs d ON d.ticket_id = t.id
      WHERE t.workspace_id = ${workspaceId} AND t.status = 'resolved' AND t.id > ${afterId} AND t.id <= ${upTo}
        AND (d.ticket_id IS NULL OR d.version < ${version})
      ORDER BY t.id`);
    return rows.map((r) => r.id);
  }

  async lastTicketId(): Promise<number> {
    const [row] = await this.rows<{ id: number | null }>(sql`SELECT max(id) AS id FROM tickets`);
    return row?.id ?? 0;
  }

  /** By ts_rank_cd over the weighted fields; equal ranks newest first. */
  async ranked(workspaceId: string, match: string, limit: number): Promise<KnowledgeDoc[]> {
    const query = tsqueryFromMatch(match);
    if (!query) return [];
    return this.rows<KnowledgeDoc>(sql`
      SELECT ticket_id AS id, question, resolution, issues FROM knowledge_index
      WHERE workspace_id = ${workspaceId} AND search @@ to_tsquery('simple', ${query})
      ORDER BY ts_rank_cd(${weights}, search, to_tsquery('simple', ${query})) DESC, ticket_id DESC
      LIMIT ${limit}`);
  }

  async newest(workspaceId: string, match: string, limit: number): Promise<KnowledgeDoc[]> {
    const query = tsqueryFromMatch(match);
    if (!query) return [];
    return this.rows<KnowledgeDoc>(sql`
      SELECT ticket_id AS id, question, resolution, issues FROM knowledge_index
      WHERE workspace_id = ${workspaceId} AND search @@ to_tsquery('simple', ${query})
      ORDER BY ticket_id DESC LIMIT ${limit}`);
  }

  async doc(ticketId: number): Promise<KnowledgeDoc | undefined> {
    const [row] = await this.rows<KnowledgeDoc>(sql`
      SELECT ticket_id AS id, question, resolution, issues FROM knowledge_index WHERE ticket_id = ${ticketId}`);
    return row;
  }

  async documentFrequencies(terms: string[]): Promise<Map<string, number>> {
    const found =
      terms.length === 0
        ? []
        : await this.rows<{ term: string; docs: number }>(
            sql`SELECT term, docs FROM knowledge_terms WHERE term IN ${terms}`,
          );
    const docs = new Map(found.map((r) => [r.term, r.docs]));
    return new Map(terms.map((t) => [t, docs.get(t) ?? 0]));
  }

  async documentCount(): Promise<number> {
    const [row] = await this.rows<{ docs: number }>(sql`SELECT docs FROM knowledge_terms WHERE term = ''`);
    return row?.docs ?? 0;
  }

  async termsStartingWith(prefix: string, limit: number): Promise<{ term: string; docs: number }[]> {
    const pattern = `${prefix.replace(/[\\%_]/g, '\\$&')}%`;
    return this.rows(sql`
      SELECT term, docs FROM knowledge_terms WHERE term LIKE ${pattern} AND docs > 0
      ORDER BY term COLLATE "C" LIMIT ${limit}`);
  }

  async tickets(workspaceId: string, ids: number[]): Promise<KnowledgeTicket[]> {
    if (ids.length === 0) return [];
    return this.rows<KnowledgeTicket>(sql`
      SELECT id, subject, text, resolution, resolved_by AS "resolvedBy", resolved_at AS "resolvedAt",
        card_channel_id AS "cardChannelId", card_ts AS "cardTs"
      FROM tickets WHERE workspace_id = ${workspaceId} AND status = 'resolved' AND id IN ${ids} ORDER BY id`);
  }

  /** Until the transaction ends, nobody else indexes these tickets (taken in id order, so two indexers cannot deadlock). */
  private async lock(ticketIds: number[]): Promise<void> {
    const ids = [...new Set(ticketIds)].sort((a, b) => a - b);
    if (ids.length === 0) return;
    await this.db.execute(sql`
      SELECT pg_advisory_xact_lock(${knowledgeLockSpace}::int, id) FROM unnest(${`{${ids.join(',')}}`}::int[]) AS id ORDER BY id`);
  }

  private async insert(workspaceId: string, doc: KnowledgeDoc, version: number, now: number): Promise<void> {
    await this.db.execute(sql`
      INSERT INTO knowledge_index (ticket_id, workspace_id, question, resolution, issues)
      VALUES (${doc.id}, ${workspaceId}, ${doc.question}, ${doc.resolution}, ${doc.issues})`);
    await this.db.execute(sql`
      INSERT INTO knowledge_docs (ticket_id, workspace_id, version, indexed_at)
      VALUES (${doc.id}, ${workspaceId}, ${version}, ${now})`);
  }

  /** Takes a ticket's document out of the index, noting the per-term counts it held. */
  private async drop(ticketId: number, deltas: Map<string, number>): Promise<void> {
    const old = await this.doc(ticketId);
    if (!old) return;
    await this.db.execute(sql`DELETE FROM knowledge_index WHERE ticket_id = ${ticketId}`);
    await this.db.execute(sql`DELETE FROM knowledge_docs WHERE ticket_id = ${ticketId}`);
    for (const t of ['', ...distinct(old)]) deltas.set(t, (deltas.get(t) ?? 0) - 1);
  }

  /** One statement for every changed term, in term order so two indexers lock rows in the same order. */
  private async count(deltas: Map<string, number>): Promise<void> {
    const changed = [...deltas]
      .filter(([, by]) => by !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([term, docs]) => ({ term, docs }));
    if (changed.length === 0) return;
    await this.db.execute(sql`
      INSERT INTO knowledge_terms (term, docs)
      SELECT term, docs FROM jsonb_to_recordset(${JSON.stringify(changed)}::jsonb) AS c(term text, docs integer)
      ON CONFLICT (term) DO UPDATE SET docs = knowledge_terms.docs + excluded.docs`);
  }

  private async rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
    return (await this.db.execute(query)).rows as T[];
  }
}
