import type Database from 'better-sqlite3';

/** Display names of workspace members by Slack user id (falls back to the id). */
export function memberNames(sqlite: Database.Database, workspaceId: string): (id: string) => string {
  const rows = sqlite
    .prepare('SELECT slack_user_id AS id, name FROM members WHERE workspace_id = ?')
    .all(workspaceId) as { id: string; name: string | null }[];
  const map = new Map(rows.map((r) => [r.id, r.name ?? r.id]));
  return (id) => map.get(id) ?? id;
}

/** Company (or name) of customers by key. */
export function customerLabels(sqlite: Database.Database, workspaceId: string, keys: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const uniq = [...new Set(keys)];
  for (let i = 0; i < uniq.length; i += 500) {
    const chunk = uniq.slice(i, i + 500);
    const rows = sqlite
      .prepare(
        `SELECT key, company, name FROM customers WHERE workspace_id = ? AND key IN (${chunk.map(() => '?').join(',')})`,
      )
      .all(workspaceId, ...chunk) as { key: string; company: string | null; name: string | null }[];
    for (const r of rows) out.set(r.key, r.company ?? r.name ?? '—');
  }
  return out;
}
