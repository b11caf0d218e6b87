import type Database from 'better-sqlite3';

export interface BoardRow {
  userId: string;
  handled: number;
  medianFirstResponseMin: number | null;
  ratingAvg: number | null;
  ratings: number;
}

/** Tickets handled per person (resolved by them) in [from, to), with their median first response and rating average. */
export function leaderboardRows(sqlite: Database.Database, workspaceId: string, from: number, to: number): BoardRow[] {
  const rows = sqlite
    .prepare(
      `SELECT resolved_by AS userId, created_at AS createdAt, first_response_at AS fr, first_response_by AS frBy, rating
       FROM tickets WHERE workspace_id = ? AND resolved_by IS NOT NULL AND resolved_at >= ? AND resolved_at < ?`,
    )
    .all(workspaceId, from, to) as { userId: string; createdAt: number; fr: number | null; frBy: string | null; rating: number | null }[];
  const by = new Map<string, { n: number; fr: number[]; ratings: number[] }>();
  for (const r of rows) {
    const e = by.get(r.userId) ?? { n: 0, fr: [], ratings: [] };
    e.n += 1;
    if (r.fr !== null) e.fr.push((r.fr - r.createdAt) / 60_000);
    if (r.rating !== null) e.ratings.push(r.rating);
    by.set(r.userId, e);
  }
  return [...by.entries()]
    .map(([userId, e]) => ({
      userId,
      handled: e.n,
      medianFirstResponseMin: median(e.fr),
      ratingAvg: e.ratings.length ? e.ratings.reduce((a, b) => a + b, 0) / e.ratings.length : null,
      ratings: e.ratings.length,
    }))
    .sort((a, b) => b.handled - a.handled || a.userId.localeCompare(b.userId));
}

export function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
