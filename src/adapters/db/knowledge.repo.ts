import type { Db } from './client';
import { statement } from './statements';

/** A resolved ticket's words as the index keeps them: space-joined stemmed terms per field. */
export interface KnowledgeDoc {
  id: number;
  question: string;
  resolution: string;
  issues: string;
}

/** What the index is built from. */
export interface KnowledgeSource {
  id: number;
  status: string;
  subject: string | null;
  text: string;
  resolution: string | null;
  issueTitles: string[];
}

/** What a hit shows. */
export interface KnowledgeTicket {
  id: number;
  subject: string | null;
  text: string;
  resolution: string | null;
  resolvedBy: string | null;
  resolvedAt: number | null;
  cardChannelId: string | null;
  cardTs: string | null;
}

const countTtlMs = 60_000;
const dfCacheSize = 20_000;
const counts = new WeakMap<object, { n: number; at: number }>();
const dfCaches = new WeakMap<object, Map<string, number>>();

/** After a write the cached counts are stale: the next search reads them afresh. */
function forgetCounts(db: Db): void {
  const client = statement(db, 'SELECT 1').database;
  counts.delete(client);
  dfCaches.delete(client);
}

/**
 * The full-text index of resolved tickets (migration 0013_knowledge_index):
 * FTS5 over stemmed terms, SQLite only. The MATCH string is built by the
 * service from terms, each quoted, never from raw user text.
 */
export class KnowledgeRepo {
  constructor(private readonly db: Db) {}

  sources(workspaceId: string, ids: number[]): KnowledgeSource[] {
    if (ids.length === 0) return [];
    const marks = ids.map(() => '?').join(',');
    const rows = statement(this.db, `SELECT id, status, subject, text, resolution FROM tickets WHERE workspace_id = ? AND id IN (${marks})`)
      .all(workspaceId, ...ids) as Omit<KnowledgeSource, 'issueTitles'>[];
    const titles = statement(this.db, `SELECT l.ticket_id AS id, i.title FROM ticket_issue_links l JOIN tracker_issues i ON i.id = l.issue_id WHERE l.ticket_id IN (${marks})`)
      .all(...ids) as { id: number; title: string }[];
    return rows.map((r) => ({ ...r, issueTitles: titles.filter((t) => t.id === r.id).map((t) => t.title) }));
  }

  /** Replaces a ticket's document (or adds it). */
  put(workspaceId: string, doc: KnowledgeDoc, version: number, now: number): void {
    const known = statement(this.db, 'SELECT 1 FROM knowledge_docs WHERE ticket_id = ?').get(doc.id);
    if (known) statement(this.db, 'DELETE FROM knowledge_fts WHERE rowid = ?').run(doc.id);
    statement(this.db, 'INSERT INTO knowledge_fts (rowid, question, resolution, issues) VALUES (?, ?, ?, ?)').run(doc.id, doc.question, doc.resolution, doc.issues);
    statement(
      this.db,
      `INSERT INTO knowledge_docs (ticket_id, workspace_id, version, indexed_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (ticket_id) DO UPDATE SET version = excluded.version, indexed_at = excluded.indexed_at`,
    ).run(doc.id, workspaceId, version, now);
    forgetCounts(this.db);
  }

  remove(ticketId: number): void {
    statement(this.db, 'DELETE FROM knowledge_fts WHERE rowid = ?').run(ticketId);
    statement(this.db, 'DELETE FROM knowledge_docs WHERE ticket_id = ?').run(ticketId);
    forgetCounts(this.db);
  }

  /** Resolved tickets after `afterId` that are not indexed, or indexed by an older version of terms(). */
  unindexed(workspaceId: string, afterId: number, version: number, limit: number): number[] {
    const rows = statement(
      this.db,
      `SELECT t.id FROM tickets t LEFT JOIN knowledge_docs d ON d.ticket_id = t.id
       WHERE t.workspace_id = ? AND t.status = 'resolved' AND t.id > ? AND (d.ticket_id IS NULL OR d.version < ?)
       ORDER BY t.id LIMIT ?`,
    ).all(workspaceId, afterId, version, limit) as { id: number }[];
    return rows.map((r) => r.id);
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
    return statement(this.db, 'SELECT rowid AS id, question, resolution, issues FROM knowledge_fts WHERE rowid = ?').get(ticketId) as KnowledgeDoc | undefined;
  }

  /** How many documents hold each term (cached per connection; the index only grows slowly). */
  documentFrequencies(terms: string[]): Map<string, number> {
    const lookup = statement(this.db, 'SELECT doc FROM knowledge_vocab WHERE term = ?');
    const client = lookup.database;
    let cache = dfCaches.get(client);
    if (!cache) dfCaches.set(client, (cache = new Map()));
    const out = new Map<string, number>();
    for (const t of terms) {
      let n = cache.get(t);
      if (n === undefined) {
        n = (lookup.get(t) as { doc: number } | undefined)?.doc ?? 0;
        if (cache.size >= dfCacheSize) cache.clear();
        cache.set(t, n);
      }
      out.set(t, n);
    }
    return out;
  }

  /** Documents in the index (cached for a minute: it only weighs rarity). */
  documentCount(now: number): number {
    const count = statement(this.db, 'SELECT count(*) AS n FROM knowledge_docs');
    const client = count.database;
    const hit = counts.get(client);
    if (hit && now - hit.at < countTtlMs) return hit.n;
    const n = (count.get() as { n: number }).n;
    counts.set(client, { n, at: now });
    dfCaches.get(client)?.clear();
    return n;
  }

  tickets(workspaceId: string, ids: number[]): KnowledgeTicket[] {
    if (ids.length === 0) return [];
    return statement(
        this.db,
        `SELECT id, subject, text, resolution, resolved_by AS resolvedBy, resolved_at AS resolvedAt, card_channel_id AS cardChannelId, card_ts AS cardTs
         FROM tickets WHERE workspace_id = ? AND id IN (${ids.map(() => '?').join(',')})`,
      ).all(workspaceId, ...ids) as KnowledgeTicket[];
  }
}
