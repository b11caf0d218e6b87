import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from './client';
import { precedentSuggestions } from './schema';
import type { PrecedentVerdict, IssuePrecedentRow } from '../../services/ports/knowledge-store';

export type PrecedentSuggestionRow = typeof precedentSuggestions.$inferSelect;

/** The precedents offered in new tickets' threads and the verdicts given on them. */
export class PrecedentsRepo {
  constructor(private readonly db: Db) {}

  /** Stores what was offered; offering the same precedent again for the same ticket keeps the first row. */
  saveOffered(
    workspaceId: string,
    ticketId: number,
    offered: { kind: 'ticket' | 'runbook'; ref: string; rank: number; score: number }[],
    now: number,
  ): void {
    for (const o of offered) {
      this.db
        .insert(precedentSuggestions)
        .values({
          workspaceId,
          ticketId,
          kind: o.kind,
          ref: o.ref,
          rank: o.rank,
          score: Number.isFinite(o.score) ? o.score : 0,
          createdAt: now,
        })
        .onConflictDoNothing()
        .run();
    }
  }

  forTicket(workspaceId: string, ticketId: number): PrecedentSuggestionRow[] {
    return this.db
      .select()
      .from(precedentSuggestions)
      .where(and(eq(precedentSuggestions.workspaceId, workspaceId), eq(precedentSuggestions.ticketId, ticketId)))
      .orderBy(asc(precedentSuggestions.rank), asc(precedentSuggestions.id))
      .all();
  }

  byId(workspaceId: string, id: number): PrecedentSuggestionRow | undefined {
    return this.db
      .select()
      .from(precedentSuggestions)
      .where(and(eq(precedentSuggestions.workspaceId, workspaceId), eq(precedentSuggestions.id, id)))
      .get();
  }

  setVerdict(id: number, verdict: PrecedentVerdict, by: string, at: number): void {
    this.db
      .update(precedentSuggestions)
      .set({ verdict, verdictBy: by, verdictAt: at })
      .where(eq(precedentSuggestions.id, id))
      .run();
  }

  /** The tickets marked "This helped" for `ticketId`, in the order they were offered. */
  helpedTickets(workspaceId: string, ticketId: number): number[] {
    return this.forTicket(workspaceId, ticketId)
      .filter((r) => r.kind === 'ticket' && r.verdict === 'helped')
      .map((r) => Number(r.ref))
      .filter((n) => Number.isInteger(n));
  }

  /** The resolved tickets linked to an issue, newest resolution first: what the next person can learn from. */
  issuePrecedents(workspaceId: string, issueId: number, limit: number): IssuePrecedentRow[] {
    return this.db.all<IssuePrecedentRow>(sql`
      SELECT t.id AS ticketId, t.subject AS subject, t.text AS text, t.resolution AS resolution, t.resolved_by AS resolvedBy,
        t.resolved_at AS resolvedAt, t.permalink AS permalink,
        (SELECT count(*) FROM precedent_suggestions p
          WHERE p.workspace_id = t.workspace_id AND p.kind = 'ticket' AND p.ref = CAST(t.id AS TEXT) AND p.verdict = 'helped') AS helped
      FROM ticket_issue_links l JOIN tickets t ON t.id = l.ticket_id
      WHERE l.workspace_id = ${workspaceId} AND l.issue_id = ${issueId} AND t.workspace_id = ${workspaceId}
        AND t.status = 'resolved' AND t.resolved_at IS NOT NULL
      ORDER BY t.resolved_at DESC, t.id DESC
      LIMIT ${limit}`);
  }
}

export type { PrecedentVerdict, IssuePrecedentRow };
