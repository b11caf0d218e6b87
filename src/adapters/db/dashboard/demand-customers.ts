import type Database from 'better-sqlite3';

/** Distinct customers over all linked tickets created in [from, to): the board's headline, which per-issue counts cannot sum to. */
export function distinctCustomersBetween(
  sqlite: Database.Database,
  workspaceId: string,
  from: number,
  to: number,
): number {
  const row = sqlite
    .prepare(
      'SELECT COUNT(DISTINCT customer_key) AS n FROM ticket_issue_links WHERE workspace_id = ? AND ticket_created_at >= ? AND ticket_created_at < ?',
    )
    .get(workspaceId, from, to) as { n: number };
  return row.n;
}
