import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { FeedbackStore, Issue } from '../../../services/ports/feedback';
import type { TrackerIssue } from '../../../services/ports/issue-tracker';
import type { Ticket } from '../../../services/ports/tickets';
import { ftsQuery } from '../feedback.repo';
import type { PgDb } from './client';
import {
  customers,
  issueCustomerNeeds,
  issueStateNotices,
  issueWritebacks,
  ticketIssueLinks,
  tickets,
  trackerIssues,
} from './schema';
import { tsqueryFromMatch } from './tsquery';

type CustomerNames = { key: string; name: string | null; email: string | null; company: string | null };

/** How many of the best-matching tickets a suggestion looks at, as on SQLite: it stays fast at any size. */
const similarTicketsRead = 400;

/** Linked issues, links and the bookkeeping of write-backs, on PostgreSQL. */
export class PgFeedbackStore implements FeedbackStore {
  constructor(private readonly db: PgDb) {}

  async issue(ws: string, id: number): Promise<Issue | undefined> {
    const [row] = await this.db
      .select()
      .from(trackerIssues)
      .where(and(eq(trackerIssues.workspaceId, ws), eq(trackerIssues.id, id)));
    return row;
  }

  async issueByExternal(ws: string, provider: 'github' | 'linear', externalId: string): Promise<Issue | undefined> {
    const [row] = await this.db
      .select()
      .from(trackerIssues)
      .where(
        and(
          eq(trackerIssues.workspaceId, ws),
          eq(trackerIssues.provider, provider),
          eq(trackerIssues.externalId, externalId),
        ),
      );
    return row;
  }

  /** One statement, so two replicas seeing the same new issue make one row. */
  async upsertIssue(ws: string, issue: TrackerIssue, now: number): Promise<Issue> {
    const refreshed = {
      key: issue.key,
      title: issue.title,
      url: issue.url,
      isPrivate: issue.isPrivate,
      updatedAt: now,
    };
    const [row] = await this.db
      .insert(trackerIssues)
      .values({
        workspaceId: ws,
        provider: issue.provider,
        externalId: issue.externalId,
        state: issue.state,
        createdAt: now,
        ...refreshed,
      })
      .onConflictDoUpdate({
        target: [trackerIssues.workspaceId, trackerIssues.provider, trackerIssues.externalId],
        set: refreshed,
      })
      .returning();
    return row!;
  }

  async setState(id: number, state: 'open' | 'closed', now: number): Promise<void> {
    await this.db
      .update(trackerIssues)
      .set({ state, stateChangedAt: now, updatedAt: now })
      .where(eq(trackerIssues.id, id));
  }

  async moveIssue(id: number, issue: TrackerIssue, now: number): Promise<void> {
    await this.db
      .update(trackerIssues)
      .set({
        externalId: issue.externalId,
        key: issue.key,
        url: issue.url,
        title: issue.title,
        isPrivate: issue.isPrivate,
        updatedAt: now,
      })
      .where(eq(trackerIssues.id, id));
  }

  async mergeInto(duplicateId: number, survivorId: number, now: number): Promise<number> {
    // SQLite's UPDATE OR IGNORE: a ticket already linked to the survivor keeps that link only.
    const moved = await this.db.execute(sql`
      UPDATE ticket_issue_links l SET issue_id = ${survivorId}
      WHERE l.issue_id = ${duplicateId}
        AND NOT EXISTS (SELECT 1 FROM ticket_issue_links s WHERE s.ticket_id = l.ticket_id AND s.issue_id = ${survivorId})`);
    await this.db.delete(ticketIssueLinks).where(eq(ticketIssueLinks.issueId, duplicateId));
    await this.db
      .update(trackerIssues)
      .set({ mergedIntoId: survivorId, updatedAt: now })
      .where(eq(trackerIssues.id, duplicateId));
    return moved.rowCount ?? 0;
  }

  async link(input: { ws: string; ticket: Ticket; issueId: number; linkedBy: string | null; now: number }) {
    const t = input.ticket;
    const customerKey = t.customerKey ?? (t.requesterSlackId ? `slack:${t.requesterSlackId}` : `ticket:${t.id}`);
    const inserted = await this.db
      .insert(ticketIssueLinks)
      .values({
        workspaceId: input.ws,
        ticketId: t.id,
        issueId: input.issueId,
        ticketCreatedAt: t.createdAt,
        customerKey,
        linkedBy: input.linkedBy,
        linkedAt: input.now,
      })
      .onConflictDoNothing()
      .returning({ id: ticketIssueLinks.id });
    return { created: inserted.length === 1 };
  }

  async unlink(ws: string, ticketId: number, issueId: number): Promise<boolean> {
    const deleted = await this.db
      .delete(ticketIssueLinks)
      .where(
        and(
          eq(ticketIssueLinks.workspaceId, ws),
          eq(ticketIssueLinks.ticketId, ticketId),
          eq(ticketIssueLinks.issueId, issueId),
        ),
      )
      .returning({ id: ticketIssueLinks.id });
    return deleted.length === 1;
  }

  async issuesOfTicket(ws: string, ticketId: number): Promise<Issue[]> {
    const rows = await this.db
      .select({ issue: trackerIssues })
      .from(ticketIssueLinks)
      .innerJoin(trackerIssues, eq(trackerIssues.id, ticketIssueLinks.issueId))
      .where(and(eq(ticketIssueLinks.workspaceId, ws), eq(ticketIssueLinks.ticketId, ticketId)))
      .orderBy(asc(ticketIssueLinks.linkedAt), asc(ticketIssueLinks.id));
    return rows.map((r) => r.issue);
  }

  async linksOfIssue(ws: string, issueId: number) {
    const rows = await this.db
      .select({ link: ticketIssueLinks, cardChannelId: tickets.cardChannelId, cardTs: tickets.cardTs })
      .from(ticketIssueLinks)
      .innerJoin(tickets, eq(tickets.id, ticketIssueLinks.ticketId))
      .where(and(eq(ticketIssueLinks.workspaceId, ws), eq(ticketIssueLinks.issueId, issueId)))
      .orderBy(asc(ticketIssueLinks.id));
    return rows.map((r) => ({ ...r.link, cardChannelId: r.cardChannelId, cardTs: r.cardTs }));
  }

  /**
   * The query's words (ftsQuery, no operators from user text) as an English
   * tsquery over tickets.search; tickets ranked by ts_rank, each issue by its
   * best ticket.
   */
  async similarLinkedIssues(ws: string, query: string, limit: number, excludeTicketId?: number): Promise<Issue[]> {
    const match = ftsQuery(query);
    const tsquery = match && tsqueryFromMatch(match);
    if (!tsquery) return [];
    const ranked = await this.db.execute<{ issueId: number }>(sql`
      WITH q AS (SELECT to_tsquery('english', ${tsquery}) AS q),
      hits AS (
        SELECT t.id AS ticket_id, ts_rank(t.search, q.q) AS score FROM tickets t, q
        WHERE t.workspace_id = ${ws} AND t.search @@ q.q
        ORDER BY score DESC LIMIT ${similarTicketsRead}
      )
      SELECT l.issue_id AS "issueId", max(h.score) AS best
      FROM hits h JOIN ticket_issue_links l ON l.ticket_id = h.ticket_id
      WHERE l.workspace_id = ${ws} AND h.ticket_id != ${excludeTicketId ?? -1}
      GROUP BY l.issue_id ORDER BY best DESC, l.issue_id LIMIT ${limit}`);
    const ids = ranked.rows.map((r) => r.issueId);
    if (ids.length === 0) return [];
    const issues = await this.db
      .select()
      .from(trackerIssues)
      .where(and(inArray(trackerIssues.id, ids), isNull(trackerIssues.mergedIntoId)));
    const byId = new Map(issues.map((i) => [i.id, i]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async openLinkedIssues(ws: string, provider: 'github' | 'linear', limit: number): Promise<Issue[]> {
    return this.db
      .select()
      .from(trackerIssues)
      .where(
        and(
          eq(trackerIssues.workspaceId, ws),
          eq(trackerIssues.provider, provider),
          eq(trackerIssues.state, 'open'),
          isNull(trackerIssues.mergedIntoId),
          sql`EXISTS (SELECT 1 FROM ${ticketIssueLinks} l WHERE l.issue_id = ${trackerIssues.id})`,
        ),
      )
      .orderBy(asc(trackerIssues.updatedAt), asc(trackerIssues.id))
      .limit(limit);
  }

  async touchIssue(id: number, now: number): Promise<void> {
    await this.db.update(trackerIssues).set({ updatedAt: now }).where(eq(trackerIssues.id, id));
  }

  async writeback(issueId: number) {
    const [row] = await this.db.select().from(issueWritebacks).where(eq(issueWritebacks.issueId, issueId));
    return row;
  }

  async recordWriteback(ws: string, issueId: number, text: string, now: number): Promise<void> {
    await this.db
      .insert(issueWritebacks)
      .values({ issueId, workspaceId: ws, lastWrittenAt: now, lastText: text })
      .onConflictDoUpdate({ target: issueWritebacks.issueId, set: { lastWrittenAt: now, lastText: text } });
  }

  async customer(ws: string, key: string): Promise<CustomerNames | undefined> {
    const [row] = await this.db
      .select({ key: customers.key, name: customers.name, email: customers.email, company: customers.company })
      .from(customers)
      .where(and(eq(customers.workspaceId, ws), eq(customers.key, key)));
    return row;
  }

  async customersOfIssue(ws: string, issueId: number): Promise<CustomerNames[]> {
    const result = await this.db.execute<CustomerNames>(sql`
      SELECT DISTINCT l.customer_key AS key, c.name, c.email, c.company
      FROM ticket_issue_links l LEFT JOIN ${customers} c ON c.workspace_id = l.workspace_id AND c.key = l.customer_key
      WHERE l.workspace_id = ${ws} AND l.issue_id = ${issueId}
      ORDER BY l.customer_key`);
    return result.rows;
  }

  async sentNeeds(issueId: number): Promise<Set<string>> {
    const rows = await this.db
      .select({ k: issueCustomerNeeds.customerKey })
      .from(issueCustomerNeeds)
      .where(eq(issueCustomerNeeds.issueId, issueId));
    return new Set(rows.map((r) => r.k));
  }

  async recordNeeds(ws: string, issueId: number, keys: string[], now: number): Promise<void> {
    if (keys.length === 0) return;
    await this.db
      .insert(issueCustomerNeeds)
      .values(keys.map((customerKey) => ({ workspaceId: ws, issueId, customerKey, sentAt: now })))
      .onConflictDoNothing();
  }

  async recordStateNotice(ws: string, issueId: number, state: 'open' | 'closed', now: number): Promise<void> {
    await this.db.insert(issueStateNotices).values({ workspaceId: ws, issueId, state, at: now });
  }
}
