import { sql } from 'drizzle-orm';
import type { Db } from './client';

export interface DemandRow {
  issueId: number;
  provider: 'github' | 'linear';
  key: string;
  title: string;
  url: string;
  state: 'open' | 'closed';
  tickets: number;
  customers: number;
}

export interface CountRow {
  issueId: number;
  tickets: number;
  customers: number;
}

export interface SeenRow {
  issueId: number;
  firstSeen: number;
  lastSeen: number;
}

export interface LinkedTicketRow {
  ticketId: number;
  customerKey: string;
  ticketCreatedAt: number;
  subject: string | null;
  text: string;
  status: string;
  permalink: string | null;
  linkedBy: string | null;
  linkedAt: number;
}

const idList = (ids: number[]) => sql.join(ids.map((id) => sql`${id}`), sql`, `);

/** Demand reads: counts over ticket_issue_links (the ticket time and customer key are copied there). */
export class FeedbackDemandRepo {
  constructor(private readonly db: Db) {}

  /** Issues ranked by distinct customers, then tickets, over [from, to). Merged duplicates are left out. */
  topIssues(ws: string, from: number, to: number, limit: number): DemandRow[] {
    return this.db.all<DemandRow>(sql`
      WITH cur AS (
        SELECT issue_id, count(*) AS tickets, count(DISTINCT customer_key) AS customers
        FROM ticket_issue_links
        WHERE workspace_id = ${ws} AND ticket_created_at >= ${from} AND ticket_created_at < ${to}
        GROUP BY issue_id
      )
      SELECT i.id AS issueId, i.provider, i.key, i.title, i.url, i.state, cur.tickets, cur.customers
      FROM cur JOIN tracker_issues i ON i.id = cur.issue_id
      WHERE i.merged_into_id IS NULL
      ORDER BY cur.customers DESC, cur.tickets DESC, i.id
      LIMIT ${limit}`);
  }

  countsFor(ws: string, issueIds: number[], from: number, to: number): CountRow[] {
    if (issueIds.length === 0) return [];
    return this.db.all<CountRow>(sql`
      SELECT issue_id AS issueId, count(*) AS tickets, count(DISTINCT customer_key) AS customers
      FROM ticket_issue_links
      WHERE workspace_id = ${ws} AND issue_id IN (${idList(issueIds)})
        AND ticket_created_at >= ${from} AND ticket_created_at < ${to}
      GROUP BY issue_id`);
  }

  seenFor(ws: string, issueIds: number[]): SeenRow[] {
    if (issueIds.length === 0) return [];
    return this.db.all<SeenRow>(sql`
      SELECT issue_id AS issueId, min(ticket_created_at) AS firstSeen, max(ticket_created_at) AS lastSeen
      FROM ticket_issue_links
      WHERE workspace_id = ${ws} AND issue_id IN (${idList(issueIds)})
      GROUP BY issue_id`);
  }

  linkedTickets(ws: string, issueId: number): LinkedTicketRow[] {
    return this.db.all<LinkedTicketRow>(sql`
      SELECT l.ticket_id AS ticketId, l.customer_key AS customerKey, l.ticket_created_at AS ticketCreatedAt,
             t.subject, t.text, t.status, t.permalink, l.linked_by AS linkedBy, l.linked_at AS linkedAt
      FROM ticket_issue_links l JOIN tickets t ON t.id = l.ticket_id
      WHERE l.workspace_id = ${ws} AND l.issue_id = ${issueId}
      ORDER BY l.ticket_created_at DESC`);
  }
}
