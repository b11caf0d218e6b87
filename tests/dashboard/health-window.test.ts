import { describe, expect, it } from 'vitest';
import { healthFrom, healthOf } from '../../src/adapters/db/dashboard/health';
import { healthSince } from '../../src/domain/tickets/health-window';

/** The weekly bars the health page draws for "last `days` days" at `now` in `zone` (no tickets needed). */
function bars(now: string, zone: string, days: number): string[] {
  const at = Date.parse(now);
  const health = healthOf([], healthFrom(healthSince(at, zone, days), zone), at, zone, 30);
  return health.weeks.map((w) => new Date(w.weekStart).toISOString());
}

describe('the weeks of the support-health page', () => {
  it('"last 12 weeks" is 12 bars on a Sunday evening after the clocks went back, and in a zone ahead of the server', () => {
    // Sunday 23:20 in Berlin, six weeks after summer time ended: 84 × 24 h back is already Monday there.
    const berlin = bars('2026-12-06T22:20:00Z', 'Europe/Berlin', 84);
    expect(berlin).toHaveLength(12);
    expect(berlin[0]).toBe('2026-09-13T22:00:00.000Z');
    expect(berlin.at(-1)).toBe('2026-11-29T23:00:00.000Z');
    // The same instant is Monday morning in Auckland, whose summer time began in between.
    expect(bars('2026-12-06T22:20:00Z', 'Pacific/Auckland', 84)).toHaveLength(12);
    expect(bars('2026-12-06T22:20:00Z', 'Europe/Berlin', 182)).toHaveLength(26);
  });
});
