import { sql } from 'drizzle-orm';
import type { Db } from './client';
import type { TopicCountRow, TopicMedianRow } from '../../services/ports/knowledge-store';

/**
 * Tickets per topic over [from, to) by creation time: counts, distinct
 * customers and medians, each grouped in SQL so a long window reads a row per
 * topic, not a row per ticket.
 */
export class TopicsRepo {
  constructor(private readonly db: Db) {}

  counts(workspaceId: string, from: number, to: number): TopicCountRow[] {
    return this.db.all<TopicCountRow>(sql`SELECT topic, count(*) AS tickets, count(DISTINCT customer_key) AS customers FROM tickets
      WHERE workspace_id = ${workspaceId} AND created_at >= ${from} AND created_at < ${to} GROUP BY topic`);
  }

  /** Each topic's median of `end - created_at` over its tickets that have `end` (the middle value, or the mean of the middle two). */
  medians(workspaceId: string, from: number, to: number, end: 'first_response_at' | 'resolved_at'): TopicMedianRow[] {
    const endCol = sql.raw(end);
    return this.db.all<TopicMedianRow>(sql`WITH d AS (
        SELECT topic, ${endCol} - created_at AS v FROM tickets
        WHERE workspace_id = ${workspaceId} AND created_at >= ${from} AND created_at < ${to} AND ${endCol} IS NOT NULL),
      r AS (SELECT topic, v, row_number() OVER (PARTITION BY topic ORDER BY v) AS i, count(*) OVER (PARTITION BY topic) AS n FROM d)
      SELECT topic, avg(v) AS median FROM r WHERE i IN ((n + 1) / 2, (n + 2) / 2) GROUP BY topic`);
  }

  /** The newest `limit` texts of one topic's tickets in the window (for the frequent words of `other`). */
  texts(workspaceId: string, topic: string, from: number, to: number, limit: number): string[] {
    return this.db
      .all<{ text: string }>(sql`SELECT coalesce(subject || ' ', '') || text AS text FROM tickets
        WHERE workspace_id = ${workspaceId} AND topic = ${topic} AND created_at >= ${from} AND created_at < ${to} ORDER BY created_at DESC LIMIT ${limit}`)
      .map((r) => r.text);
  }
}

export type { TopicCountRow, TopicMedianRow };
