import { sql } from 'drizzle-orm';
import { healthFrom, type HealthTicket, healthOf } from '../dashboard/health';
import type { DashboardReads } from '../dashboard/reads';
import type { PgDb } from './client';
import { calendarTokenMatchesPg } from './workspace';

const WEEK = 7 * 86_400_000;
const SPARK_WEEKS = 12;

/** The dashboard's reads on PostgreSQL: the same figures as on SQLite (dashboard/*.ts), in PostgreSQL's SQL. */
export function pgDashboardReads(db: PgDb): DashboardReads {
  return {
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    memberNames: async (workspaceId) => {
      const { rows } = await db.execute<{ id: string; name: string | null }>(
        sql`SELECT slack_user_id AS id, name FROM members WHERE workspace_id = ${workspaceId}`,
      );
      const names = new Map(rows.map((r) => [r.id, r.name ?? r.id]));
      return (id) => names.get(id) ?? id;
    },
    customerLabels: async (workspaceId, keys) => {
      const out = new Map<string, string>();
      const uniq = [...new Set(keys)];
      if (uniq.length === 0) return out;
      const { rows } = await db.execute<{ key: string; company: string | null; name: string | null }>(
        sql`SELECT key, company, name FROM customers WHERE workspace_id = ${workspaceId} AND key = ANY(${sql.param(uniq)}::text[])`,
      );
      for (const r of rows) out.set(r.key, r.company ?? r.name ?? '—');
      return out;
    },
    weeklyTicketsByIssue: async (workspaceId, issueIds, now) => {
      const out = new Map<number, number[]>(issueIds.map((id) => [id, new Array<number>(SPARK_WEEKS).fill(0)]));
      if (issueIds.length === 0) return out;
      const { rows } = await db.execute<{ issueId: number; ago: number; n: number }>(sql`
        SELECT issue_id AS "issueId", ((${now}::bigint - ticket_created_at) / ${WEEK})::int AS ago, count(*)::int AS n
        FROM ticket_issue_links
        WHERE workspace_id = ${workspaceId} AND ticket_created_at >= ${now - SPARK_WEEKS * WEEK}
          AND ticket_created_at < ${now} AND issue_id = ANY(${sql.param(issueIds)}::int[])
        GROUP BY 1, 2`);
      for (const r of rows) {
        const series = out.get(r.issueId);
        if (series && r.ago >= 0 && r.ago < SPARK_WEEKS) series[SPARK_WEEKS - 1 - r.ago] = r.n;
      }
      return out;
    },
    distinctCustomersBetween: async (workspaceId, from, to) => {
      const { rows } = await db.execute<{ n: number }>(sql`
        SELECT count(DISTINCT customer_key)::int AS n FROM ticket_issue_links
        WHERE workspace_id = ${workspaceId} AND ticket_created_at >= ${from} AND ticket_created_at < ${to}`);
      return rows[0]?.n ?? 0;
    },
    supportHealth: async (workspaceId, q) => {
      const from = healthFrom(q.since, q.zone);
      const { rows } = await db.execute<HealthTicket>(sql`
        SELECT source, created_at AS c, first_response_at AS fr, resolved_at AS r, rating FROM tickets
        WHERE workspace_id = ${workspaceId} AND created_at >= ${from} AND created_at < ${q.now}`);
      return healthOf(rows, from, q.now, q.zone, q.targetMin);
    },
    calendarTokenMatches: (workspaceId, token) => calendarTokenMatchesPg(db, workspaceId, token),
  };
}
