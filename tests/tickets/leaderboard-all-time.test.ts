import { describe, expect, it } from 'vitest';
import { sqlitePorts } from '../../src/adapters/db/repositories';
import { ensureWorkspace } from '../../src/adapters/db/workspace.repo';
import { silentLogger } from '../../src/adapters/logger';
import { ManualClock } from '../../src/domain/clock';
import { medianOfCounts } from '../../src/domain/tickets/leaderboard';
import { leaderboardAllTime, leaderboardBetween } from '../../src/services/tickets/get-leaderboard';
import type { Ctx } from '../../src/services/context';
import { memoryDb, teamId, testConfig } from '../support/app';

/** A little deterministic generator, so a failure can be replayed. */
function lcg(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

describe('the all-time leaderboard kept by triggers', () => {
  it('after random resolutions, reopenings, re-resolutions, ratings and deletions, equals the board counted from the tickets themselves', async () => {
    const handle = memoryDb();
    ensureWorkspace(handle.db, teamId);
    const ctx = {
      repos: sqlitePorts(handle.db).repos,
      clock: new ManualClock('2026-11-24T12:00:00Z'),
      log: silentLogger,
      config: testConfig(),
      workspaceId: teamId,
      trackers: {},
    } as unknown as Ctx;
    const rnd = lcg(7);
    const people = ['U0AAA', 'U0BBB', 'U0CCC', 'U0DDD'];
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const sql = handle.sqlite;
    const insert =
      sql.prepare(`INSERT INTO tickets (workspace_id, source, external_id, text, status, resolved_by, resolved_at, first_response_at, rating, created_at, updated_at)
      VALUES (?, 'api', ?, 'x', ?, ?, ?, ?, ?, ?, ?)`);
    const ids = () => (sql.prepare('SELECT id FROM tickets').all() as { id: number }[]).map((r) => r.id);
    for (let i = 0; i < 600; i++) {
      const created = 1_700_000_000_000 + Math.floor(rnd() * 1e9);
      // Response times across all three bucket widths: seconds, hours, days.
      const firstResponse = rnd() < 0.85 ? created + Math.floor(rnd() ** 4 * 3 * 86_400_000) : null;
      const resolved = rnd() < 0.7;
      insert.run(
        teamId,
        `t${i}`,
        resolved ? 'resolved' : 'open',
        resolved ? pick(people) : null,
        resolved ? created + 90_000_000 : null,
        firstResponse,
        resolved && rnd() < 0.5 ? 1 + Math.floor(rnd() * 5) : null,
        created,
        created,
      );
    }
    for (let step = 0; step < 800; step++) {
      const id = pick(ids());
      const r = rnd();
      if (r < 0.25)
        sql.prepare("UPDATE tickets SET status = 'open', resolved_at = NULL WHERE id = ?").run(id); // reopened
      else if (r < 0.5)
        sql
          .prepare(
            "UPDATE tickets SET status = 'resolved', resolved_by = ?, resolved_at = created_at + 1000 WHERE id = ?",
          )
          .run(pick(people), id);
      else if (r < 0.7) sql.prepare('UPDATE tickets SET rating = ? WHERE id = ?').run(1 + Math.floor(rnd() * 5), id);
      else if (r < 0.85)
        sql
          .prepare('UPDATE tickets SET first_response_at = created_at + ? WHERE id = ?')
          .run(Math.floor(rnd() * 7_200_000), id);
      else if (r < 0.9) sql.prepare('DELETE FROM tickets WHERE id = ?').run(id);
      else sql.prepare("UPDATE tickets SET claimed_by = 'U0ZZZ' WHERE id = ?").run(id); // not a leaderboard change
    }

    const kept = await leaderboardAllTime(ctx, []);
    const counted = await leaderboardBetween(ctx, null, null, []);
    const withinBucket = (a: number | null, b: number | null) => {
      if (a === null || b === null) return a === b;
      const width = b < 3_600_000 ? 6_000 : b < 86_400_000 ? 60_000 : 3_600_000;
      return a <= b && b - a < width;
    };
    expect(kept.entries.map((e) => [e.userId, e.handled, e.ratings, e.averageRating])).toEqual(
      counted.entries.map((e) => [e.userId, e.handled, e.ratings, e.averageRating]),
    );
    expect(kept.total.handled).toBe(counted.total.handled);
    expect(kept.total.averageRating).toBeCloseTo(counted.total.averageRating!, 10);
    for (const [i, e] of kept.entries.entries())
      expect(withinBucket(e.medianFirstResponseMs, counted.entries[i]!.medianFirstResponseMs), e.userId).toBe(true);
    expect(withinBucket(kept.total.medianFirstResponseMs, counted.total.medianFirstResponseMs)).toBe(true);
    handle.close();
  });

  it('the median of counted values picks the middle one, or the mean of the middle two', () => {
    expect(medianOfCounts([])).toBeNull();
    expect(medianOfCounts([{ value: 5, n: 0 }])).toBeNull();
    expect(
      medianOfCounts([
        { value: 9, n: 1 },
        { value: 1, n: 1 },
        { value: 4, n: 1 },
      ]),
    ).toBe(4);
    expect(
      medianOfCounts([
        { value: 1, n: 2 },
        { value: 3, n: 2 },
      ]),
    ).toBe(2);
    expect(
      medianOfCounts([
        { value: 1, n: 3 },
        { value: 10, n: 1 },
      ]),
    ).toBe(1);
  });
});
