import type Database from 'better-sqlite3';

const WEEK = 7 * 86_400_000;

/** Tickets per issue in each of the last `weeks` 7-day buckets ending at `now`, oldest first (for sparklines). */
export function weeklyTicketsByIssue(
  sqlite: Database.Database,
  workspaceId: string,
  issueIds: number[],
  now: number,
  weeks = 12,
): Map<number, number[]> {
  const out = new Map<number, number[]>(issueIds.map((id) => [id, new Array<number>(weeks).fill(0)]));
  if (issueIds.length === 0) return out;
  const from = now - weeks * WEEK;
  const rows = sqlite
    .prepare(
      `SELECT issue_id AS issueId, CAST((? - ticket_created_at) / ${WEEK} AS INTEGER) AS ago, COUNT(*) AS n
       FROM ticket_issue_links
       WHERE workspace_id = ? AND ticket_created_at >= ? AND ticket_created_at < ? AND issue_id IN (${issueIds.map(() => '?').join(',')})
       GROUP BY issue_id, ago`,
    )
    .all(now, workspaceId, from, now, ...issueIds) as { issueId: number; ago: number; n: number }[];
  for (const r of rows) {
    const series = out.get(r.issueId);
    if (series && r.ago >= 0 && r.ago < weeks) series[weeks - 1 - r.ago] = r.n;
  }
  return out;
}
