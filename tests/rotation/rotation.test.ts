import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  dutyAt,
  dutyCounts,
  periodIndexAt,
  periods,
  periodStart,
  type RotationSpec,
} from '../../src/domain/rotation/rotation';

const teams = ['Payments', 'Onboarding', 'Search', 'Mobile'].map((name, i) => ({
  id: i + 1,
  name,
  leadUserId: `U${i}LEAD`,
  memberIds: [`U${i}LEAD`, `U${i}DEV`],
}));
const spec = (over: Partial<RotationSpec> = {}): RotationSpec => ({
  zone: 'Europe/Berlin',
  periodDays: 14,
  handoffWeekday: 1,
  handoffTime: '10:00',
  anchorDate: '2026-01-05',
  teams,
  ...over,
});
const local = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toFormat('yyyy-MM-dd HH:mm ccc');

describe('duty rotation', () => {
  it('hands over at 10:00 local on both sides of the spring DST change in Berlin, with no gap or overlap', () => {
    // 2026-03-29 is the spring-forward Sunday in Europe/Berlin; handoff on that day.
    const s = spec({ handoffWeekday: 7, anchorDate: '2026-03-15' });
    const [a, b, c] = periods(s, new Date('2026-03-15T09:00:00Z'), new Date('2026-04-20T00:00:00Z'));
    expect([a, b, c].map((p) => local(p!.start, 'Europe/Berlin'))).toEqual([
      '2026-03-15 10:00 Sun',
      '2026-03-29 10:00 Sun',
      '2026-04-12 10:00 Sun',
    ]);
    expect(a!.end.getTime()).toBe(b!.start.getTime());
    expect((b!.start.getTime() - a!.start.getTime()) / 3_600_000).toBe(14 * 24 - 1);
  });

  it('hands over at 10:00 local across the autumn change in America/New_York, the period an hour longer', () => {
    // 2026-11-01 is the fall-back Sunday in New York.
    const s = spec({ zone: 'America/New_York', handoffWeekday: 7, anchorDate: '2026-10-18' });
    const [a, b] = periods(s, new Date('2026-10-18T15:00:00Z'), new Date('2026-11-10T00:00:00Z'));
    expect(local(a!.start, 'America/New_York')).toBe('2026-10-18 10:00 Sun');
    expect(local(b!.start, 'America/New_York')).toBe('2026-11-01 10:00 Sun');
    expect((b!.start.getTime() - a!.start.getTime()) / 3_600_000).toBe(14 * 24 + 1);
    // Just before and after the handoff on the change day.
    expect(dutyAt(s, new Date(b!.start.getTime() - 1))!.team.name).toBe(a!.team.name);
    expect(dutyAt(s, b!.start)!.team.name).toBe(b!.team.name);
  });

  it('a 14-day period is 14 calendar days, not one week', () => {
    const [p] = periods(spec(), new Date('2026-01-05T09:00:00Z'), new Date('2026-01-06T00:00:00Z'));
    expect(DateTime.fromJSDate(p!.end).diff(DateTime.fromJSDate(p!.start), 'days').days).toBeCloseTo(14, 5);
    expect(local(p!.end, 'Europe/Berlin')).toBe('2026-01-19 10:00 Mon');
  });

  it('crosses a leap day without drifting', () => {
    const s = spec({ anchorDate: '2028-02-21', periodDays: 7 });
    expect(local(periodStart(s, 1), 'Europe/Berlin')).toBe('2028-02-28 10:00 Mon');
    expect(local(periodStart(s, 2), 'Europe/Berlin')).toBe('2028-03-06 10:00 Mon');
  });

  it('teams take turns in order, and a swap exchanges two periods', () => {
    const s = spec();
    const at = (i: number) => new Date(periodStart(s, i).getTime() + 1000);
    expect([0, 1, 2, 3, 4].map((i) => dutyAt(s, at(i))!.team.name)).toEqual([
      'Payments',
      'Onboarding',
      'Search',
      'Mobile',
      'Payments',
    ]);
    const swapped = [{ kind: 'swap' as const, periodA: 1, teamA: 2, periodB: 2, teamB: 3 }];
    expect(dutyAt(s, at(1), swapped)).toMatchObject({ team: { name: 'Search' }, swapped: true });
    expect(dutyAt(s, at(2), swapped)).toMatchObject({ team: { name: 'Onboarding' }, swapped: true });
    expect(periodIndexAt(s, at(7))).toBe(7);
  });

  it('time off for a whole period puts the stand-in on duty; partial time off is shown but keeps the member', () => {
    const s = spec();
    const p0 = periodStart(s, 0).getTime();
    const p1 = periodStart(s, 1).getTime();
    const full = [{ kind: 'time_off' as const, userId: 'U0DEV', from: p0 - 1000, to: p1 + 1000, standIn: 'U9HELPER' }];
    expect(dutyAt(s, new Date(p0 + 1), full)!.onDuty).toEqual(['U0LEAD', 'U9HELPER']);
    const across = [{ kind: 'time_off' as const, userId: 'U0DEV', from: p1 - 86_400_000, to: p1 + 86_400_000 }];
    const p = dutyAt(s, new Date(p0 + 1), across)!;
    expect(p.onDuty).toEqual(['U0LEAD', 'U0DEV']);
    expect(p.timeOff).toHaveLength(1);
  });

  it('over a year, duty days per team differ by at most one period', () => {
    const counts = [...dutyCounts(spec(), new Date('2026-11-22T00:00:00Z'), new Date('2027-11-22T00:00:00Z')).values()];
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(26);
  });

  it('a team added to the list applies from the next period; a swap agreed before still gives each team the period it accepted', () => {
    const s = spec();
    const at = (sp: RotationSpec, i: number) =>
      dutyAt(sp, new Date(periodStart(s, i).getTime() + 1000), swap)!.team.name;
    // Payments (period 4) and Search (period 6) swap; then, during period 3, Billing joins at the end of the list.
    const swap = [{ kind: 'swap' as const, periodA: 4, teamA: 1, periodB: 6, teamB: 3 }];
    const billing = { id: 5, name: 'Billing', leadUserId: 'U5LEAD', memberIds: ['U5LEAD'] };
    const after = spec({
      teams: [...teams, billing],
      versions: [
        { fromIndex: -1e6, teams },
        { fromIndex: 4, teams: [...teams, billing] },
      ],
    });
    expect([0, 1, 2, 3].map((i) => at(after, i))).toEqual(['Payments', 'Onboarding', 'Search', 'Mobile']);
    // Unswapped the new list would run Payments, Onboarding, Search, Mobile, Billing from period 4 on.
    expect([4, 5, 6, 7, 8].map((i) => at(after, i))).toEqual(['Search', 'Onboarding', 'Payments', 'Mobile', 'Billing']);
  });

  it('a team removed from the list: periods already started keep it, the turn continues with the next listed team', () => {
    const s = spec();
    const without = [teams[0]!, teams[2]!, teams[3]!];
    const sp = spec({
      teams: without,
      versions: [
        { fromIndex: -1e6, teams },
        { fromIndex: 2, teams: without },
      ],
    });
    const names = [0, 1, 2, 3, 4].map((i) => dutyAt(sp, new Date(periodStart(s, i).getTime() + 1000))!.team.name);
    expect(names).toEqual(['Payments', 'Onboarding', 'Search', 'Mobile', 'Payments']);
    const reordered = [teams[3]!, teams[2]!, teams[1]!, teams[0]!];
    const sp2 = spec({
      teams: reordered,
      versions: [
        { fromIndex: -1e6, teams },
        { fromIndex: 1, teams: reordered },
      ],
    });
    // Onboarding would have been next; the new order continues from it.
    expect([0, 1, 2, 3].map((i) => dutyAt(sp2, new Date(periodStart(s, i).getTime() + 1000))!.team.name)).toEqual([
      'Payments',
      'Onboarding',
      'Payments',
      'Mobile',
    ]);
  });

  it('overlapping overrides: a one-off replacement wins over a swap of the same period, and the other half of the swap still holds', () => {
    const s = spec();
    const o = [
      { kind: 'swap' as const, periodA: 1, teamA: 2, periodB: 2, teamB: 3 },
      { kind: 'replacement' as const, period: 1, teamId: 4 },
    ];
    const at = (i: number) => dutyAt(s, new Date(periodStart(s, i).getTime() + 1000), o)!;
    expect(at(1)).toMatchObject({ team: { name: 'Mobile' }, replaced: true });
    expect(at(2)).toMatchObject({ team: { name: 'Onboarding' }, swapped: true, replaced: false });
  });

  it('time off crossing a handoff shows in both periods, only for the team on duty', () => {
    const s = spec({ teams: [teams[0]!, { ...teams[1]!, memberIds: [...teams[1]!.memberIds, 'U0DEV'] }] });
    const p1 = periodStart(s, 1).getTime();
    const o = [
      {
        kind: 'time_off' as const,
        userId: 'U0DEV',
        from: p1 - 3 * 86_400_000,
        to: p1 + 3 * 86_400_000,
        standIn: 'U9HELP',
      },
    ];
    const [a, b] = periods(s, new Date(periodStart(s, 0).getTime()), new Date(p1 + 1), o);
    expect(a!.timeOff).toHaveLength(1);
    expect(b!.timeOff).toHaveLength(1);
    // Partly away in each: still listed, the stand-in shown beside them.
    expect(a!.onDuty).toContain('U0DEV');
    expect(b!.timeOff[0]).toMatchObject({ userId: 'U0DEV', standIn: 'U9HELP' });
  });

  it('an empty team list gives no duty rather than a crash', () => {
    expect(dutyAt(spec({ teams: [] }), new Date('2026-06-01T00:00:00Z'))).toBeUndefined();
    expect(periods(spec({ teams: [] }), new Date('2026-06-01T00:00:00Z'), new Date('2026-08-01T00:00:00Z'))).toEqual(
      [],
    );
  });

  it('hands over at 10:00 local across the autumn change in Berlin (period an hour longer) and the spring change in New York (an hour shorter)', () => {
    // 2026-10-25: Berlin falls back; 2027-03-14: New York springs forward. Handoff on both change days.
    const berlin = spec({ handoffWeekday: 7, anchorDate: '2026-10-11' });
    const [a, b] = periods(berlin, new Date('2026-10-11T09:00:00Z'), new Date('2026-10-26T00:00:00Z'));
    expect([a, b].map((p) => local(p!.start, 'Europe/Berlin'))).toEqual([
      '2026-10-11 10:00 Sun',
      '2026-10-25 10:00 Sun',
    ]);
    expect((a!.end.getTime() - a!.start.getTime()) / 3_600_000).toBe(14 * 24 + 1);
    const ny = spec({ zone: 'America/New_York', handoffWeekday: 7, anchorDate: '2027-02-28' });
    const [c, d] = periods(ny, new Date('2027-02-28T15:00:00Z'), new Date('2027-03-15T00:00:00Z'));
    expect([c, d].map((p) => local(p!.start, 'America/New_York'))).toEqual([
      '2027-02-28 10:00 Sun',
      '2027-03-14 10:00 Sun',
    ]);
    expect((c!.end.getTime() - c!.start.getTime()) / 3_600_000).toBe(14 * 24 - 1);
    expect(c!.end.getTime()).toBe(d!.start.getTime());
    expect(dutyAt(ny, new Date(d!.start.getTime() - 1))!.index).toBe(c!.index);
  });

  it('a 14-day period across 29 February 2028 is still 14 calendar days', () => {
    const s = spec({ anchorDate: '2028-02-21' });
    expect(local(periodStart(s, 0), 'Europe/Berlin')).toBe('2028-02-21 10:00 Mon');
    expect(local(periodStart(s, 1), 'Europe/Berlin')).toBe('2028-03-06 10:00 Mon');
  });
});
