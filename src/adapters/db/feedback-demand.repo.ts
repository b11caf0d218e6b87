import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { readModelsFor } from './read-pool';
import type { DemandBoardData, DemandBoardQuery } from './read-models';

export type { CountRow, DemandBoardData, DemandRow, SeenRow } from './read-models';

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

/** Demand reads: counts over ticket_issue_links (the ticket time and customer key are copied there) and the all-time totals kept beside them. */
export class FeedbackDemandRepo {
  constructor(private readonly db: Db) {}

  /**
   * Issues ranked by distinct customers, then tickets, over the window (all time
   * when `range` is null), with the previous window's counts and first and last
   * seen. Off the event loop on a file database: see read-pool.
   */
  board(q: DemandBoardQuery): Promise<DemandBoardData> {
    return readModelsFor(this.db).run('demandBoard', q);
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
