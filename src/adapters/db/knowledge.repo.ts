import type { Db } from './client';
import { statement } from './statements';
import type { KnowledgeSource, KnowledgeDoc, KnowledgeTicket } from '../../services/ports/knowledge-store';

const distinct = (doc: KnowledgeDoc) => [
  ...new Set(`${doc.question} ${doc.resolution} ${doc.issues}`.split(' ').filter(Boolean)),
];

/**
 * The full-text index of resolved tickets (migration 0013_knowledge_index):
 * FTS5 over stemmed terms and a count of documents per term, SQLite only. The
 * MATCH string is built by the service from terms, each quoted, never from
 * raw user text.
 */
export class KnowledgeRepo {
  constructor(private readonly db: Db) {}

  sources(workspaceId: string, ids: number[]): KnowledgeSource[] {
    if (ids.length === 0) return [];
    const marks = ids.map(() => '?').join(',');
    const rows = statement(
      this.db,
      `SELECT id, status, subject, text, resolution FROM tickets WHERE workspace_id = ? AND id IN (${marks})`,
    ).all(workspaceId, ...ids) as Omit<KnowledgeSource, 'issueTitles'>[];
    const titles = statement(
      this.db,
      `SELECT l.ticket_id AS id, i.title FROM ticket_issue_links l JOIN tracker_issues i ON i.id = l.issue_id WHERE l.ticket_id IN (${marks})`,
    ).all(...ids) as { id: number; title: string }[];
    return rows.map((r) => ({ ...r, issueTitles: titles.filter((t) => t.id === r.id).map((t) => t.title) }));
  }

  /** Replaces tickets' documents (or adds them), keeping the per-term counts with one write per distinct term. */
  put(workspaceId: string, docs: KnowledgeDoc[], version: number, now: number): void {
    const deltas = new Map<string, number>();
    for (const doc of docs) {
      this.drop(doc.id, deltas);
      statement(this.db, 'INSERT INTO knowledge_fts (rowid, question, resolution, issues) VALUES (?, ?, ?, ?)').run(
        doc.id,
        doc.question,
        doc.resolution,
        doc.issues,
      );
      statement(
        this.db,
        'INSERT INTO knowledge_docs (ticket_id, workspace_id, version, indexed_at) VALUES (?, ?, ?, ?)',
      ).run(doc.id, workspaceId, version, now);
      for (const t of ['', ...distinct(doc)]) deltas.set(t, (deltas.get(t) ?? 0) + 1);
    }
    this.count(deltas);
  }

  remove(ticketId: number): void {
    const deltas = new Map<string, number>();
    this.drop(ticketId, deltas);
    this.count(deltas);
  }

  private drop(ticketId: number, deltas: Map<string, number>): void {
    const old = this.doc(ticketId);
    if (!old) return;
    statement(this.db, 'DELETE FROM knowledge_fts WHERE rowid = ?').run(ticketId);
    statement(this.db, 'DELETE FROM knowledge_docs WHERE ticket_id = ?').run(ticketId);
    for (const t of ['', ...distinct(old)]) deltas.set(t, (deltas.get(t) ?? 0) - 1);
  }

  private count(deltas: Map<string, number>): void {
    const up = statement(
      this.db,
      'INSERT INTO knowledge_terms (term, docs) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET docs = docs + excluded.docs',
    );
    for (const [t, by] of deltas) if (by !== 0) up.run(t, by);
  }

  /**
   * Resolved tickets with ids in (afterId, upTo] that are not indexed, or
   * indexed by an older version of terms(). A bounded id range, so the query
   * stays short however many tickets are already indexed.
   */
  unindexed(workspaceId: string, afterId: number, upTo: number, version: number): number[] {
    const rows = statement(
      this.db,
      `SELECT t.id FROM tickets t LEFT JOIN knowledge_docs d ON d.ticket_id = t.id
       WHERE t.workspace_id = ? AND t.status = 'resolved' AND t.id > ? AND t.id <= ? AND (d.ticket_id IS NULL OR d.version < ?)
       ORDER BY t.id`,
    ).all(workspaceId, afterId, upTo, version) as { id: number }[];
    return rows.map((r) => r.id);
  }

  lastTicketId(): number {
    return (statement(this.db, 'SELECT max(id) AS id FROM tickets').get() as { id: number | null }).id ?? 0;
  }

  /** The best `limit` documents for a MATCH expression by BM25 (the customer's words weigh most). */
  ranked(workspaceId: string, match: string, limit: number): KnowledgeDoc[] {
    return statement(
      this.db,
      `SELECT f.rowid AS id, f.question, f.resolution, f.issues FROM knowledge_fts f JOIN knowledge_docs d ON d.ticket_id = f.rowid
       WHERE knowledge_fts MATCH ? AND d.workspace_id = ? ORDER BY bm25(knowledge_fts, 1.0, 0.6, 0.8) LIMIT ?`,
    ).all(match, workspaceId, limit) as KnowledgeDoc[];
  }

  /**
   * The newest `limit` documents for a MATCH expression: read in rowid order,
   * so it stops early however many documents match (for very common terms).
   */
  newest(workspaceId: string, match: string, limit: number): KnowledgeDoc[] {
    return statement(
      this.db,
      `SELECT f.rowid AS id, f.question, f.resolution, f.issues FROM knowledge_fts f JOIN knowledge_docs d ON d.ticket_id = f.rowid
       WHERE knowledge_fts MATCH ? AND d.workspace_id = ? ORDER BY f.rowid DESC LIMIT ?`,
    ).all(match, workspaceId, limit) as KnowledgeDoc[];
  }

  doc(ticketId: number): KnowledgeDoc | undefined {
    return statement(
      this.db,
      'SELECT rowid AS id, question, resolution, issues FROM knowledge_fts WHERE rowid = ?',
    ).get(ticketId) as KnowledgeDoc | undefined;
  }

  /** How many documents hold each term. */
  documentFrequencies(terms: string[]): Map<string, number> {
    const lookup = statement(this.db, 'SELECT docs FROM knowledge_terms WHERE term = ?');
    return new Map(terms.map((t) => [t, (lookup.get(t) as { docs: number } | undefined)?.docs ?? 0]));
  }

  /** Documents in the index. */
  documentCount(): number {
    return (
      (statement(this.db, "SELECT docs FROM knowledge_terms WHERE term = ''").get() as { docs: number } | undefined)
        ?.docs ?? 0
    );
  }

  /** Indexed terms starting with `prefix` (at most `limit`), to correct a misspelt word against. */
  termsStartingWith(prefix: string, limit: number): { term: string; docs: number }[] {
    return statement(
      this.db,
      'SELECT term, docs FROM knowledge_terms WHERE term >= ? AND term < ? || char(1114111) AND docs > 0 LIMIT ?',
    ).all(prefix, prefix, limit) as { term: string; docs: number }[];
  }

  tickets(workspaceId: string, ids: number[]): KnowledgeTicket[] {
    if (ids.length === 0) return [];
    return statement(
      this.db,
      `SELECT id, subject, text, resolution, resolved_by AS resolvedBy, resolved_at AS resolvedAt, card_channel_id AS cardChannelId, card_ts AS cardTs
         FROM tickets WHERE workspace_id = ? AND status = 'resolved' AND id IN (${ids.map(() => '?').join(',')})`,
    ).all(workspaceId, ...ids) as KnowledgeTicket[];
  }
}

export type { KnowledgeSource, KnowledgeDoc, KnowledgeTicket };
