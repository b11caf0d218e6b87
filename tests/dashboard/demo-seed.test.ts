import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/adapters/db/client';
import { weekdays } from '../../src/domain/rotation/rotation';
import { demoWorkspaceId as ws } from '../../src/app/demo/organisation';
import { demoConfig } from '../../src/app/demo/run-demo';
import { seedDemo } from '../../src/app/demo/seed';

const now = Date.parse('2026-11-22T12:00:00Z');

function seeded() {
  const anchor = DateTime.fromMillis(now, { zone: 'Europe/Berlin' }).minus({ days: 182 }).startOf('week').toISODate()!;
  const config = demoConfig({}, ':memory:', anchor);
  const handle = openDb(':memory:');
  const { rotation, timezone } = config.file;
  seedDemo(
    handle.db,
    handle.sqlite,
    {
      zone: timezone,
      periodDays: rotation.periodDays,
      handoffWeekday: weekdays.indexOf(rotation.handoff.weekday) + 1,
      handoffTime: rotation.handoff.time,
      anchorDate: anchor,
    },
    now,
  );
  return handle;
}

describe('the demo seed', () => {
  it('is the same organisation every run: four teams of 4–6, ~5,000 tickets, 60 issues with some closed', () => {
    const a = seeded();
    const b = seeded();
    const digest = (h: ReturnType<typeof seeded>) =>
      h.sqlite
        .prepare(
          'SELECT COUNT(*) AS n, SUM(created_at % 100000) AS s, SUM(COALESCE(rating, 0)) AS r FROM tickets WHERE workspace_id = ?',
        )
        .get(ws);
    expect(digest(a)).toEqual(digest(b));
    const teams = a.sqlite
      .prepare('SELECT team_id, COUNT(*) AS n FROM members WHERE workspace_id = ? GROUP BY team_id')
      .all(ws) as { n: number }[];
    expect(teams).toHaveLength(4);
    for (const t of teams) {
      expect(t.n).toBeGreaterThanOrEqual(4);
      expect(t.n).toBeLessThanOrEqual(6);
    }
    const { n } = a.sqlite.prepare('SELECT COUNT(*) AS n FROM tickets WHERE workspace_id = ?').get(ws) as { n: number };
    expect(n).toBeGreaterThan(4500);
    expect(n).toBeLessThan(5500);
    const issues = a.sqlite
      .prepare("SELECT COUNT(*) AS n, SUM(state = 'closed') AS closed FROM tracker_issues WHERE workspace_id = ?")
      .get(ws) as { n: number; closed: number };
    expect(issues.n).toBe(60);
    expect(issues.closed).toBeGreaterThan(0);
    a.close();
    b.close();
  });

  it('has weekday peaks, one outage burst and a long tail of demand', () => {
    const h = seeded();
    const created = (
      h.sqlite.prepare('SELECT created_at AS c FROM tickets WHERE workspace_id = ?').all(ws) as { c: number }[]
    ).map((r) => r.c);
    const perDay = { weekday: 0, weekend: 0 };
    for (const c of created)
      perDay[DateTime.fromMillis(c, { zone: 'Europe/Berlin' }).weekday <= 5 ? 'weekday' : 'weekend'] += 1;
    expect(perDay.weekday / 5).toBeGreaterThan(3 * (perDay.weekend / 2));
    const perHour = new Map<number, number>();
    for (const c of created) perHour.set(Math.floor(c / 3_600_000), (perHour.get(Math.floor(c / 3_600_000)) ?? 0) + 1);
    expect(Math.max(...perHour.values())).toBeGreaterThan(100);
    const demand = (
      h.sqlite
        .prepare(
          'SELECT COUNT(DISTINCT customer_key) AS c FROM ticket_issue_links WHERE workspace_id = ? GROUP BY issue_id ORDER BY c DESC',
        )
        .all(ws) as { c: number }[]
    ).map((r) => r.c);
    expect(demand.length).toBe(60);
    expect(demand[0]!).toBeGreaterThan(10 * demand[30]!);
    const overrides = h.sqlite
      .prepare('SELECT COUNT(*) AS n FROM rotation_overrides WHERE workspace_id = ?')
      .get(ws) as { n: number };
    expect(overrides.n).toBeGreaterThanOrEqual(2);
    h.close();
  });
});
