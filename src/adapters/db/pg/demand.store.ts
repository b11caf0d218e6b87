import { sql } from 'drizzle-orm';
import type {
  CountRow,
  DemandBoardData,
  DemandBoardQuery,
  DemandRow,
  DemandStore,
  LinkedTicket,
  SeenRow,
} from '../../../services/ports/feedback';
import type { PgDb } from './client';

/**
 * Demand reads on PostgreSQL: counts over ticket_issue_links (the ticket time
 * and customer key are copied there) and the all-time totals the triggers keep.
 */
export class PgDemandStore implements DemandStore {
  constructor(private readonly db: PgDb) {}

  /** The board's reads in one read-only snapshot, so they agree with each other. */
  async board(q: DemandBoardQuery): Promise<DemandBoardData> {
    return this.db.transaction((tx) => readBoard(tx as unknown as PgDb, q), {
      isolationLevel: 'repeatable read',
      accessMode: 'read only',
    });
  }

  async linkedTickets(ws: string, issueId: number): Promise<LinkedTicket[]> {
    return rows<LinkedTicket>(
      this.db,
      sql`
      SELECT l.ticket_id AS "ticketId", l.customer_key AS "customerKey", l.ticket_created_at AS "ticketCreatedAt",
             t.subject, t.text, t.status, t.permalink, l.linked_by AS "linkedBy", l.linked_at AS "linkedAt"
      FROM ticket_issue_links l JOIN tickets t ON t.id = l.ticket_id
      WHERE l.workspace_id = ${ws} AND l.issue_id = ${issueId}
      ORDER BY l.ticket_created_at DESC, l.id DESC`,
    );
  }
}

/** Issues ranked by distinct customers, then tickets (ties to the older issue), merged duplicates left out. */
async function readBoard(db: PgDb, q: DemandBoardQuery): Promise<DemandBoardData> {
  const top = await rows<DemandRow>(
    db,
    q.range
      ? sql`
      WITH cur AS (
        SELECT issue_id, count(*) AS tickets, count(DISTINCT customer_key) AS customers FROM ticket_issue_links
        WHERE workspace_id = ${q.workspaceId} AND ticket_created_at >= ${q.range.from} AND ticket_created_at < ${q.range.to}
        GROUP BY issue_id
      )
      SELECT i.id AS "issueId", i.provider, i.key, i.title, i.url, i.state, cur.tickets, cur.customers
      FROM cur JOIN tracker_issues i ON i.id = cur.issue_id
      WHERE i.merged_into_id IS NULL
      ORDER BY cur.customers DESC, cur.tickets DESC, i.id LIMIT ${q.limit}`
      : sql`
      SELECT i.id AS "issueId", i.provider, i.key, i.title, i.url, i.state, d.tickets, d.customers
      FROM issue_demand_totals d JOIN tracker_issues i ON i.id = d.issue_id
      WHERE d.workspace_id = ${q.workspaceId} AND i.merged_into_id IS NULL
      ORDER BY d.customers DESC, d.tickets DESC, i.id LIMIT ${q.limit}`,
  );
  if (top.length === 0) return { top, previous: q.previous ? [] : null, seen: [] };
  const ids = top.map((r) => r.issueId);
  const previous = q.previous
    ? await rows<CountRow>(
        db,
        sql`
      SELECT issue_id AS "issueId", count(*) AS tickets, count(DISTINCT customer_key) AS customers
      FROM ticket_issue_links
      WHERE workspace_id = ${q.workspaceId} AND issue_id IN ${ids}
        AND ticket_created_at >= ${q.previous.from} AND ticket_created_at < ${q.previous.to}
      GROUP BY issue_id ORDER BY issue_id`,
      )
    : null;
  const seen = await rows<SeenRow>(
    db,
    sql`
    SELECT issue_id AS "issueId", first_seen AS "firstSeen", last_seen AS "lastSeen" FROM issue_demand_totals
    WHERE workspace_id = ${q.workspaceId} AND issue_id IN ${ids} ORDER BY issue_id`,
  );
  return { top, previous, seen };
}

async function rows<T>(db: PgDb, query: ReturnType<typeof sql>): Promise<T[]> {
  return (await db.execute(query)).rows as T[];
}
