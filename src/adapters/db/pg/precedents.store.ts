import { and, asc, eq, sql } from 'drizzle-orm';
import type {
  IssuePrecedentRow,
  Precedent,
  PrecedentsStore,
  PrecedentVerdict,
} from '../../../services/ports/knowledge-store';
import type { PgDb } from './client';
import { precedentSuggestions } from './schema';

/** The precedents offered in new tickets' threads and the verdicts given on them, on PostgreSQL. */
export class PgPrecedentsStore implements PrecedentsStore {
  constructor(private readonly db: PgDb) {}

  async saveOffered(
    workspaceId: string,
    ticketId: number,
    offered: { kind: 'ticket' | 'runbook'; ref: string; rank: number; score: number }[],
    now: number,
  ): Promise<void> {
    if (offered.length === 0) return;
    await this.db
      .insert(precedentSuggestions)
      .values(
        offered.map((o) => ({
          workspaceId,
          ticketId,
          kind: o.kind,
          ref: o.ref,
          rank: o.rank,
          score: Number.isFinite(o.score) ? o.score : 0,
          createdAt: now,
        })),
      )
      .onConflictDoNothing();
  }

  async forTicket(workspaceId: string, ticketId: number): Promise<Precedent[]> {
    return this.db
      .select()
      .from(precedentSuggestions)
      .where(and(eq(precedentSuggestions.workspaceId, workspaceId), eq(precedentSuggestions.ticketId, ticketId)))
      .orderBy(asc(precedentSuggestions.rank), asc(precedentSuggestions.id));
  }

  async byId(workspaceId: string, id: number): Promise<Precedent | undefined> {
    const [row] = await this.db
      .select()
      .from(precedentSuggestions)
      .where(and(eq(precedentSuggestions.workspaceId, workspaceId), eq(precedentSuggestions.id, id)));
    return row;
  }

  async setVerdict(id: number, verdict: PrecedentVerdict, by: string, at: number): Promise<void> {
    await this.db
      .update(precedentSuggestions)
      .set({ verdict, verdictBy: by, verdictAt: at })
      .where(eq(precedentSuggestions.id, id));
  }

  async helpedTickets(workspaceId: string, ticketId: number): Promise<number[]> {
    return (await this.forTicket(workspaceId, ticketId))
      .filter((r) => r.kind === 'ticket' && r.verdict === 'helped')
      .map((r) => Number(r.ref))
      .filter((n) => Number.isInteger(n));
  }

  async issuePrecedents(workspaceId: string, issueId: number, limit: number): Promise<IssuePrecedentRow[]> {
    const result = await this.db.execute(sql`
      SELECT t.id AS "ticketId", t.subject, t.text, t.resolution, t.resolved_by AS "resolvedBy",
        t.resolved_at AS "resolvedAt", t.permalink,
        (SELECT count(*) FROM precedent_suggestions p
          WHERE p.workspace_id = t.workspace_id AND p.kind = 'ticket' AND p.ref = t.id::text AND p.verdict = 'helped') AS helped
      FROM ticket_issue_links l JOIN tickets t ON t.id = l.ticket_id
      WHERE l.workspace_id = ${workspaceId} AND l.issue_id = ${issueId} AND t.workspace_id = ${workspaceId}
        AND t.status = 'resolved' AND t.resolved_at IS NOT NULL
      ORDER BY t.resolved_at DESC, t.id DESC
      LIMIT ${limit}`);
    return result.rows as unknown as IssuePrecedentRow[];
  }
}
