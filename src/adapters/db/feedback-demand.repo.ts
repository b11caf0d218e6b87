import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { readModelsFor } from './read-pool';
import type { DemandBoardData, DemandBoardQuery } from './read-models';
import type { LinkedTicket } from '../../services/ports/feedback';

export type { CountRow, DemandBoardData, DemandRow, SeenRow } from './read-models';

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

  linkedTickets(ws: string, issueId: number): LinkedTicket[] {
    return this.db.all<LinkedTicket>(sql`
      SELECT l.ticket_id AS ticketId, l.customer_key AS customerKey, l.ticket_created_at AS ticketCreatedAt,
             t.subject, t.text, t.status, t.permalink, l.linked_by AS linkedBy, l.linked_at AS linkedAt
      FROM ticket_issue_links l JOIN tickets t ON t.id = l.ticket_id
      WHERE l.workspace_id = ${ws} AND l.issue_id = ${issueId}
      ORDER BY l.ticket_created_at DESC`);
  }
}

export type { LinkedTicket };
