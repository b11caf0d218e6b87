import type Database from 'better-sqlite3';
import type { DemandBoardQuery, DemandBoardData, DemandRow, CountRow, SeenRow } from '../../services/ports/feedback';

/**
 * The heavy read models, written against a bare better-sqlite3 connection so
 * the same code runs in the read worker (its own read-only connection) and,
 * for in-memory databases that no second connection can see, on the caller's.
 */

const sqlText = {
  // Merged duplicates are left out; ties go to the older issue.
  topInWindow: `
    WITH cur AS (
      SELECT issue_id, count(*) AS tickets, count(DISTINCT customer_key) AS customers
      FROM ticket_issue_links
      WHERE workspace_id = ? AND ticket_created_at >= ? AND ticket_created_at < ?
      GROUP BY issue_id
    )
    SELECT i.id AS issueId, i.provider, i.key, i.title, i.url, i.state, cur.tickets, cur.customers
    FROM cur JOIN tracker_issues i ON i.id = cur.issue_id
    WHERE i.merged_into_id IS NULL
    ORDER BY cur.customers DESC, cur.tickets DESC, i.id
    LIMIT ?`,
  topAllTime: `
    SELECT i.id AS issueId, i.provider, i.key, i.title, i.url, i.state, d.tickets, d.customers
    FROM issue_demand_totals d JOIN tracker_issues i ON i.id = d.issue_id
    WHERE d.workspace_id = ? AND i.merged_into_id IS NULL
    ORDER BY d.customers DESC, d.tickets DESC, i.id
    LIMIT ?`,
  countsFor: `
    SELECT issue_id AS issueId, count(*) AS tickets, count(DISTINCT customer_key) AS customers
    FROM ticket_issue_links
    WHERE workspace_id = ? AND issue_id IN (SELECT value FROM json_each(?))
      AND ticket_created_at >= ? AND ticket_created_at < ?
    GROUP BY issue_id`,
  seenFor: `
    SELECT issue_id AS issueId, first_seen AS firstSeen, last_seen AS lastSeen
    FROM issue_demand_totals
    WHERE workspace_id = ? AND issue_id IN (SELECT value FROM json_each(?))`,
} as const;

type StatementName = keyof typeof sqlText;
const prepared = new WeakMap<Database.Database, Map<StatementName, Database.Statement>>();

function statementOn(conn: Database.Database, name: StatementName): Database.Statement {
  let cache = prepared.get(conn);
  if (!cache) {
    cache = new Map();
    prepared.set(conn, cache);
  }
  let s = cache.get(name);
  if (!s) {
    s = conn.prepare(sqlText[name]);
    cache.set(name, s);
  }
  return s;
}

/** The demand board's three reads, in one read transaction so they agree with each other. */
export function readDemandBoard(conn: Database.Database, q: DemandBoardQuery): DemandBoardData {
  const read = () => {
    const top = (
      q.range
        ? statementOn(conn, 'topInWindow').all(q.workspaceId, q.range.from, q.range.to, q.limit)
        : statementOn(conn, 'topAllTime').all(q.workspaceId, q.limit)
    ) as DemandRow[];
    const ids = JSON.stringify(top.map((r) => r.issueId));
    const previous =
      q.previous && top.length > 0
        ? (statementOn(conn, 'countsFor').all(q.workspaceId, ids, q.previous.from, q.previous.to) as CountRow[])
        : q.previous
          ? []
          : null;
    const seen = top.length > 0 ? (statementOn(conn, 'seenFor').all(q.workspaceId, ids) as SeenRow[]) : [];
    return { top, previous, seen };
  };
  // Inside the caller's own transaction (in-memory path) the reads already share one snapshot.
  return conn.inTransaction ? read() : conn.transaction(read)();
}

export const readModels = { demandBoard: readDemandBoard } as const;
export type ReadModelName = keyof typeof readModels;
export type ReadModelArgs<N extends ReadModelName> = Parameters<(typeof readModels)[N]>[1];
export type ReadModelResult<N extends ReadModelName> = ReturnType<(typeof readModels)[N]>;

export type { DemandBoardQuery, DemandBoardData, DemandRow, CountRow, SeenRow };
