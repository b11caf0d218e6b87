import { and, eq, inArray, sql } from 'drizzle-orm';
import type { TrackerIssue } from '../../services/ports/issue-tracker';
import type { Db } from './client';
import type { TicketRow } from './tickets.repo';
import {
  customers,
  issueCustomerNeeds,
  issueStateNotices,
  issueWritebacks,
  ticketIssueLinks,
  tickets,
  trackerIssues,
} from './schema';

export type IssueRow = typeof trackerIssues.$inferSelect;
export type LinkRow = typeof ticketIssueLinks.$inferSelect;

/** Linked issues, links and the bookkeeping of write-backs. */
export class FeedbackRepo {
  constructor(private readonly db: Db) {}

  issue(ws: string, id: number): IssueRow | undefined {
    return this.db
      .select()
      .from(trackerIssues)
      .where(and(eq(trackerIssues.workspaceId, ws), eq(trackerIssues.id, id)))
      .get();
  }

  issueByExternal(ws: string, provider: 'github' | 'linear', externalId: string): IssueRow | undefined {
    return this.db
      .select()
      .from(trackerIssues)
      .where(
        and(
          eq(trackerIssues.workspaceId, ws),
          eq(trackerIssues.provider, provider),
          eq(trackerIssues.externalId, externalId),
        ),
      )
      .get();
  }

  /** Inserts or refreshes what we know of an issue; returns the row. State changes are left to `setState`. */
  upsertIssue(ws: string, issue: TrackerIssue, now: number): IssueRow {
    const existing = this.issueByExternal(ws, issue.provider, issue.externalId);
    if (existing) {
      this.db
        .update(trackerIssues)
        .set({ key: issue.key, title: issue.title, url: issue.url, isPrivate: issue.isPrivate, updatedAt: now })
        .where(eq(trackerIssues.id, existing.id))
        .run();
      return {
        ...existing,
        key: issue.key,
        title: issue.title,
        url: issue.url,
        isPrivate: issue.isPrivate,
        updatedAt: now,
      };
    }
    return this.db
      .insert(trackerIssues)
      .values({
        workspaceId: ws,
        provider: issue.provider,
        externalId: issue.externalId,
        key: issue.key,
        title: issue.title,
        url: issue.url,
        state: issue.state,
        isPrivate: issue.isPrivate,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
  }

  setState(id: number, state: 'open' | 'closed', now: number): void {
    this.db
      .update(trackerIssues)
      .set({ state, stateChangedAt: now, updatedAt: now })
      .where(eq(trackerIssues.id, id))
      .run();
  }

  /** A transferred issue keeps its row (and so its links) under the new id. */
  moveIssue(id: number, issue: TrackerIssue, now: number): void {
    this.db
      .update(trackerIssues)
      .set({
        externalId: issue.externalId,
        key: issue.key,
        url: issue.url,
        title: issue.title,
        isPrivate: issue.isPrivate,
        updatedAt: now,
      })
      .where(eq(trackerIssues.id, id))
      .run();
  }

  /** Moves links of a duplicate to the surviving issue; a ticket linked to both keeps one link. */
  mergeInto(duplicateId: number, survivorId: number, now: number): number {
    const moved = this.db.run(sql`
      UPDATE OR IGNORE ${ticketIssueLinks} SET issue_id = ${survivorId} WHERE issue_id = ${duplicateId}`).changes;
    this.db.delete(ticketIssueLinks).where(eq(ticketIssueLinks.issueId, duplicateId)).run();
    this.db
      .update(trackerIssues)
      .set({ mergedIntoId: survivorId, updatedAt: now })
      .where(eq(trackerIssues.id, duplicateId))
      .run();
    return moved;
  }

  link(input: { ws: string; ticket: TicketRow; issueId: number; linkedBy: string | null; now: number }): {
    created: boolean;
  } {
    const t = input.ticket;
    const customerKey = t.customerKey ?? (t.requesterSlackId ? `slack:${t.requesterSlackId}` : `ticket:${t.id}`);
    const r = this.db
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
      .run();
    return { created: r.changes === 1 };
  }

  unlink(ws: string, ticketId: number, issueId: number): boolean {
    return (
      this.db
        .delete(ticketIssueLinks)
        .where(
          and(
            eq(ticketIssueLinks.workspaceId, ws),
            eq(ticketIssueLinks.ticketId, ticketId),
            eq(ticketIssueLinks.issueId, issueId),
          ),
        )
        .run().changes === 1
    );
  }

  issuesOfTicket(ws: string, ticketId: number): IssueRow[] {
    return this.db
      .select({ issue: trackerIssues })
      .from(ticketIssueLinks)
      .innerJoin(trackerIssues, eq(trackerIssues.id, ticketIssueLinks.issueId))
      .where(and(eq(ticketIssueLinks.workspaceId, ws), eq(ticketIssueLinks.ticketId, ticketId)))
      .orderBy(ticketIssueLinks.linkedAt)
      .all()
      .map((r) => r.issue);
  }

  linksOfIssue(ws: string, issueId: number): (LinkRow & { cardChannelId: string | null; cardTs: string | null })[] {
    return this.db
      .select({ link: ticketIssueLinks, cardChannelId: tickets.cardChannelId, cardTs: tickets.cardTs })
      .from(ticketIssueLinks)
      .innerJoin(tickets, eq(tickets.id, ticketIssueLinks.ticketId))
      .where(and(eq(ticketIssueLinks.workspaceId, ws), eq(ticketIssueLinks.issueId, issueId)))
      .all()
      .map((r) => ({ ...r.link, cardChannelId: r.cardChannelId, cardTs: r.cardTs }));
  }

  /**
   * Issues already linked by tickets whose text reads like `query` (FTS5, BM25),
   * best first. Only the best-matching tickets are looked at, so it stays fast.
   */
  similarLinkedIssues(ws: string, query: string, limit: number, excludeTicketId?: number): IssueRow[] {
    const match = ftsQuery(query);
    if (!match) return [];
    const rows = this.db.all<{ issueId: number }>(sql`
      WITH hits AS (
        SELECT f.rowid AS ticket_id, bm25(ticket_fts) AS score
        FROM ticket_fts f
        WHERE ticket_fts MATCH ${match}
        ORDER BY score LIMIT 400
      )
      SELECT l.issue_id AS issueId, min(h.score) AS best
      FROM hits h JOIN ticket_issue_links l ON l.ticket_id = h.ticket_id
      WHERE l.workspace_id = ${ws} AND h.ticket_id != ${excludeTicketId ?? -1}
      GROUP BY l.issue_id ORDER BY best LIMIT ${limit}`);
    if (rows.length === 0) return [];
    const byId = new Map(
      this.db
        .select()
        .from(trackerIssues)
        .where(
          inArray(
            trackerIssues.id,
            rows.map((r) => r.issueId),
          ),
        )
        .all()
        .map((i) => [i.id, i]),
    );
    return rows.map((r) => byId.get(r.issueId)).filter((i): i is IssueRow => !!i && i.mergedIntoId === null);
  }

  openLinkedIssues(ws: string, provider: 'github' | 'linear', limit: number): IssueRow[] {
    return this.db
      .select()
      .from(trackerIssues)
      .where(
        and(
          eq(trackerIssues.workspaceId, ws),
          eq(trackerIssues.provider, provider),
          eq(trackerIssues.state, 'open'),
          sql`${trackerIssues.mergedIntoId} IS NULL`,
          sql`EXISTS (SELECT 1 FROM ${ticketIssueLinks} l WHERE l.issue_id = ${trackerIssues.id})`,
        ),
      )
      .orderBy(sql`coalesce(${trackerIssues.updatedAt}, 0)`)
      .limit(limit)
      .all();
  }

  touchIssue(id: number, now: number): void {
    this.db.update(trackerIssues).set({ updatedAt: now }).where(eq(trackerIssues.id, id)).run();
  }

  writeback(issueId: number): typeof issueWritebacks.$inferSelect | undefined {
    return this.db.select().from(issueWritebacks).where(eq(issueWritebacks.issueId, issueId)).get();
  }

  recordWriteback(ws: string, issueId: number, text: string, now: number): void {
    this.db
      .insert(issueWritebacks)
      .values({ issueId, workspaceId: ws, lastWrittenAt: now, lastText: text })
      .onConflictDoUpdate({ target: issueWritebacks.issueId, set: { lastWrittenAt: now, lastText: text } })
      .run();
  }

  /** One customer's name, company and e-mail, so they can be taken out of a quote. */
  customer(
    ws: string,
    key: string,
  ): { key: string; name: string | null; email: string | null; company: string | null } | undefined {
    return this.db.get(
      sql`SELECT key, name, email, company FROM ${customers} WHERE workspace_id = ${ws} AND key = ${key}`,
    );
  }

  /** Customers of an issue with their names, for trackers where naming them is allowed. */
  customersOfIssue(
    ws: string,
    issueId: number,
  ): { key: string; name: string | null; email: string | null; company: string | null }[] {
    return this.db.all(sql`
      SELECT DISTINCT l.customer_key AS key, c.name, c.email, c.company
      FROM ticket_issue_links l LEFT JOIN ${customers} c ON c.workspace_id = l.workspace_id AND c.key = l.customer_key
      WHERE l.workspace_id = ${ws} AND l.issue_id = ${issueId}`);
  }

  sentNeeds(issueId: number): Set<string> {
    return new Set(
      this.db
        .select({ k: issueCustomerNeeds.customerKey })
        .from(issueCustomerNeeds)
        .where(eq(issueCustomerNeeds.issueId, issueId))
        .all()
        .map((r) => r.k),
    );
  }

  recordNeeds(ws: string, issueId: number, keys: string[], now: number): void {
    for (const k of keys) {
      this.db
        .insert(issueCustomerNeeds)
        .values({ workspaceId: ws, issueId, customerKey: k, sentAt: now })
        .onConflictDoNothing()
        .run();
    }
  }

  recordStateNotice(ws: string, issueId: number, state: 'open' | 'closed', now: number): void {
    this.db.insert(issueStateNotices).values({ workspaceId: ws, issueId, state, at: now }).run();
  }
}

/** Words of the query as an FTS5 OR-query of quoted terms (no operators from user text reach FTS). */
export function ftsQuery(text: string): string | null {
  const words = [...new Set((text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []).slice(0, 24))];
  return words.length ? words.map((w) => `"${w}"`).join(' OR ') : null;
}
