import { sql } from 'drizzle-orm';
import type { TopicCountRow, TopicMedianRow, TopicsStore } from '../../../services/ports/knowledge-store';
import type { PgDb } from './client';

/**
 * Tickets per topic over [from, to) by creation time on PostgreSQL: counts,
 * distinct customers and medians grouped in SQL, a row per topic.
 */
export class PgTopicsStore implements TopicsStore {
  constructor(private readonly db: PgDb) {}

  async counts(workspaceId: string, from: number, to: number): Promise<TopicCountRow[]> {
    const result = await this.db.execute(sql`
      SELECT topic, count(*) AS tickets, count(DISTINCT customer_key) AS customers FROM tickets
      WHERE workspace_id = ${workspaceId} AND created_at >= ${from} AND created_at < ${to}
      GROUP BY topic ORDER BY topic`);
    return result.rows as unknown as TopicCountRow[];
  }

  /** percentile_cont(0.5): the middle value, or the mean of the middle two, as SQLite's window functions pick. */
  async medians(
    workspaceId: string,
    from: number,
    to: number,
    end: 'first_response_at' | 'resolved_at',
  ): Promise<TopicMedianRow[]> {
    const endCol = sql.raw(end === 'resolved_at' ? 'resolved_at' : 'first_response_at');
    const result = await this.db.execute(sql`
      SELECT topic, percentile_cont(0.5) WITHIN GROUP (ORDER BY ${endCol} - created_at) AS median FROM tickets
      WHERE workspace_id = ${workspaceId} AND created_at >= ${from} AND created_at < ${to} AND ${endCol} IS NOT NULL
      GROUP BY topic ORDER BY topic`);
    return result.rows as unknown as TopicMedianRow[];
  }

  async texts(workspaceId: string, topic: string, from: number, to: number, limit: number): Promise<string[]> {
    const result = await this.db.execute<{ text: string }>(sql`
      SELECT coalesce(subject || ' ', '') || text AS text FROM tickets
      WHERE workspace_id = ${workspaceId} AND topic = ${topic} AND created_at >= ${from} AND created_at < ${to}
      ORDER BY created_at DESC, id DESC LIMIT ${limit}`);
    return result.rows.map((r) => r.text);
  }
}
