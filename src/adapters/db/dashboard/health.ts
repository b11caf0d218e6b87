import type Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { median } from '../../../domain/tickets/leaderboard';

export interface HealthWeek {
  weekStart: number;
  tickets: number;
  firstResponseMedianMin: number | null;
  resolutionMedianHours: number | null;
  withinTargetShare: number | null;
}

export interface Health {
  weeks: HealthWeek[];
  ratings: number[]; // index 0 = rating 1
  sources: { source: string; tickets: number }[];
  overall: {
    tickets: number;
    firstResponseMedianMin: number | null;
    resolutionMedianHours: number | null;
    withinTargetShare: number | null;
    ratingAvg: number | null;
  };
}

/** What the health page needs of each ticket created in its window. */
export type HealthTicket = {
  source: string;
  c: number;
  fr: number | null;
  r: number | null;
  rating: number | null;
};

/** The first instant the health page counts: whole weeks only, so the first bar is not a half-empty week. */
export function healthFrom(since: number, zone: string): number {
  return DateTime.fromMillis(since, { zone }).startOf('week').plus({ weeks: 1 }).toMillis();
}

/** Support health over [from, now): weekly medians (weeks start Monday in `zone`), share within the first-response target, ratings, sources. */
export function supportHealth(
  sqlite: Database.Database,
  workspaceId: string,
  since: number,
  now: number,
  zone: string,
  targetMin: number,
): Health {
  const from = healthFrom(since, zone);
  const rows = sqlite
    .prepare(
      `SELECT source, created_at AS c, first_response_at AS fr, resolved_at AS r, rating FROM tickets WHERE workspace_id = ? AND created_at >= ? AND created_at < ?`,
    )
    .all(workspaceId, from, now) as HealthTicket[];
  return healthOf(rows, from, now, zone, targetMin);
}

/** The health figures of the tickets created in [from, now), whichever engine read them. */
export function healthOf(rows: HealthTicket[], from: number, now: number, zone: string, targetMin: number): Health {
  const weeks = new Map<number, { n: number; fr: number[]; res: number[] }>();
  let w = DateTime.fromMillis(from, { zone }).startOf('week');
  while (w.toMillis() < now) {
    weeks.set(w.toMillis(), { n: 0, fr: [], res: [] });
    w = w.plus({ weeks: 1 });
  }
  const ratings = [0, 0, 0, 0, 0];
  const sources = new Map<string, number>();
  const allFr: number[] = [];
  const allRes: number[] = [];
  for (const r of rows) {
    const ws = DateTime.fromMillis(r.c, { zone }).startOf('week').toMillis();
    const e = weeks.get(ws);
    if (!e) continue;
    e.n += 1;
    if (r.fr !== null) {
      e.fr.push((r.fr - r.c) / 60_000);
      allFr.push((r.fr - r.c) / 60_000);
    }
    if (r.r !== null) {
      e.res.push((r.r - r.c) / 3_600_000);
      allRes.push((r.r - r.c) / 3_600_000);
    }
    if (r.rating !== null && r.rating >= 1 && r.rating <= 5) ratings[r.rating - 1]! += 1;
    sources.set(r.source, (sources.get(r.source) ?? 0) + 1);
  }
  const share = (xs: number[]) => (xs.length ? xs.filter((x) => x <= targetMin).length / xs.length : null);
  const rated = ratings.reduce((a, b) => a + b, 0);
  return {
    weeks: [...weeks.entries()].map(([weekStart, e]) => ({
      weekStart,
      tickets: e.n,
      firstResponseMedianMin: median(e.fr),
      resolutionMedianHours: median(e.res),
      withinTargetShare: share(e.fr),
    })),
    ratings,
    sources: [...sources.entries()]
      .map(([source, tickets]) => ({ source, tickets }))
      .sort((a, b) => b.tickets - a.tickets),
    overall: {
      tickets: rows.length,
      firstResponseMedianMin: median(allFr),
      resolutionMedianHours: median(allRes),
      withinTargetShare: share(allFr),
      ratingAvg: rated ? ratings.reduce((a, n, i) => a + n * (i + 1), 0) / rated : null,
    },
  };
}
