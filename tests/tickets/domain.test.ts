import { describe, expect, it } from 'vitest';
import { applyTicketAction } from '../../src/domain/tickets/state';
import {
  addWorkingTime,
  dueSteps,
  earliestStepAt,
  nextStepAt,
  targetInstants,
  workingHoursFrom,
  allDay,
} from '../../src/domain/tickets/targets';
import { buildLeaderboard } from '../../src/domain/tickets/leaderboard';
import { commonWords, isBurst } from '../../src/domain/tickets/burst';
import { customerKey } from '../../src/domain/tickets/customer';

describe('ticket state machine', () => {
  it('claims an open ticket, refuses a second claim, resolves and reopens to the same person', () => {
    const claimed = applyTicketAction({ status: 'open', claimedBy: null }, { type: 'claim', by: 'U1' });
    expect(claimed).toEqual({ ok: true, status: 'claimed', claimedBy: 'U1' });
    expect(applyTicketAction({ status: 'claimed', claimedBy: 'U1' }, { type: 'claim', by: 'U2' })).toEqual({
      ok: false,
      reason: 'already_claimed',
    });
    const resolved = applyTicketAction({ status: 'claimed', claimedBy: 'U1' }, { type: 'resolve', by: 'U2' });
    expect(resolved).toEqual({ ok: true, status: 'resolved', claimedBy: 'U1' });
    expect(applyTicketAction({ status: 'resolved', claimedBy: 'U1' }, { type: 'reopen', by: 'UREQ' })).toEqual({
      ok: true,
      status: 'claimed',
      claimedBy: 'U1',
    });
  });
  it('resolving an unclaimed ticket credits the resolver; resolved tickets cannot be claimed or resolved again', () => {
    expect(applyTicketAction({ status: 'open', claimedBy: null }, { type: 'resolve', by: 'U3' })).toEqual({
      ok: true,
      status: 'resolved',
      claimedBy: 'U3',
    });
    expect(applyTicketAction({ status: 'resolved', claimedBy: 'U3' }, { type: 'claim', by: 'U1' })).toEqual({
      ok: false,
      reason: 'already_resolved',
    });
    expect(applyTicketAction({ status: 'resolved', claimedBy: 'U3' }, { type: 'resolve', by: 'U1' })).toEqual({
      ok: false,
      reason: 'already_resolved',
    });
  });
  it('an open ticket cannot be reopened; a reopened unclaimed ticket is open again', () => {
    expect(applyTicketAction({ status: 'open', claimedBy: null }, { type: 'reopen', by: 'U' })).toEqual({
      ok: false,
      reason: 'not_resolved',
    });
    expect(applyTicketAction({ status: 'resolved', claimedBy: null }, { type: 'reopen', by: 'U' })).toEqual({
      ok: true,
      status: 'open',
      claimedBy: null,
    });
  });
});

const berlin = 'Europe/Berlin';
const iso = (ms: number, zone = berlin) => new Date(ms).toLocaleString('sv-SE', { timeZone: zone });
const at = (s: string) => Date.parse(s);

describe('targets in working hours', () => {
  const office = workingHoursFrom({
    days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
    start: '09:00',
    end: '18:00',
  });
  it('24/7 by default: ten minutes are ten minutes', () => {
    const t = at('2026-03-07T23:55:00Z');
    expect(addWorkingTime(t, 600_000, allDay, berlin)).toBe(t + 600_000);
  });
  it('a Friday 17:55 ticket with 10 minutes is due Monday 09:05 local time', () => {
    const friday = at('2026-03-06T16:55:00Z'); // 17:55 in Berlin
    expect(iso(addWorkingTime(friday, 600_000, office, berlin))).toBe('2026-03-09 09:05:00');
  });
  it('a ticket before opening counts from opening; 8 working hours span into the next day', () => {
    const early = at('2026-03-10T05:00:00Z'); // 06:00 Berlin, Tuesday
    expect(iso(addWorkingTime(early, 8 * 3_600_000, office, berlin))).toBe('2026-03-10 17:00:00');
    const afternoon = at('2026-03-10T14:00:00Z'); // 15:00
    expect(iso(addWorkingTime(afternoon, 8 * 3_600_000, office, berlin))).toBe('2026-03-11 14:00:00');
  });
  it('working hours hold across the spring daylight-saving change', () => {
    const friday = at('2026-03-27T16:00:00Z'); // Fri 17:00 CET; DST starts Sun 29 March
    expect(iso(addWorkingTime(friday, 2 * 3_600_000, office, berlin))).toBe('2026-03-30 10:00:00');
  });
  it('nudges at 80% and breaches at 100%, each only once', () => {
    const spec = {
      firstResponseMinutes: 10,
      resolutionWorkingHours: 8,
      nudgeAtFraction: 0.8,
      hours: allDay,
      zone: 'UTC',
    };
    const created = at('2026-01-01T10:00:00Z');
    expect(targetInstants(created, spec).firstResponseNudgeAt).toBe(created + 480_000);
    const t = { createdAt: created, firstResponseAt: null, resolvedAt: null };
    expect(dueSteps(t, spec, created + 479_000, new Set())).toEqual([]);
    expect(dueSteps(t, spec, created + 480_000, new Set())).toEqual(['first_response.nudge']);
    expect(dueSteps(t, spec, created + 600_000, new Set(['first_response.nudge']))).toEqual(['first_response.breach']);
    expect(dueSteps({ ...t, firstResponseAt: created + 60_000 }, spec, created + 600_000, new Set())).toEqual([]);
  });
  it('the targets job next looks at a ticket when its next reminder falls due, and never once none is left', () => {
    const spec = {
      firstResponseMinutes: 10,
      resolutionWorkingHours: 8,
      nudgeAtFraction: 0.8,
      hours: allDay,
      zone: 'UTC',
    };
    const created = at('2026-01-01T10:00:00Z');
    const t = { createdAt: created, firstResponseAt: null, resolvedAt: null };
    expect(nextStepAt(t, spec, new Set())).toBe(created + 480_000);
    expect(nextStepAt(t, spec, new Set(['first_response.nudge']))).toBe(created + 600_000);
    // Answered: the first-response reminders no longer apply; next is the resolution nudge at 6.4 h.
    expect(nextStepAt({ ...t, firstResponseAt: created + 60_000 }, spec, new Set())).toBe(
      created + 0.8 * 8 * 3_600_000,
    );
    expect(
      nextStepAt({ ...t, firstResponseAt: created + 60_000, resolvedAt: created + 120_000 }, spec, new Set()),
    ).toBeNull();
    expect(
      nextStepAt(
        t,
        spec,
        new Set(['first_response.nudge', 'first_response.breach', 'resolution.nudge', 'resolution.breach']),
      ),
    ).toBeNull();
  });

  it('a new ticket is looked at no later than its first reminder: the cheap bound never passes the exact instant', () => {
    const officeHours = workingHoursFrom({
      days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
      start: '09:00',
      end: '18:00',
    });
    const specs = [
      { firstResponseMinutes: 10, resolutionWorkingHours: 8, nudgeAtFraction: 0.8, hours: allDay, zone: 'UTC' },
      {
        firstResponseMinutes: 10,
        resolutionWorkingHours: 8,
        nudgeAtFraction: 0.8,
        hours: officeHours,
        zone: 'Europe/Berlin',
      },
      {
        firstResponseMinutes: 600,
        resolutionWorkingHours: 1,
        nudgeAtFraction: 0.5,
        hours: officeHours,
        zone: 'America/New_York',
      },
    ];
    // Within hours, just before closing on a Friday, on a Sunday, across the March DST change.
    const instants = [
      '2026-01-07T10:00:00Z',
      '2026-01-09T16:55:00Z',
      '2026-01-11T12:00:00Z',
      '2026-03-29T00:30:00Z',
    ].map(at);
    for (const spec of specs) {
      for (const created of instants) {
        const exact = nextStepAt({ createdAt: created, firstResponseAt: null, resolvedAt: null }, spec, new Set())!;
        expect(earliestStepAt(created, spec)).toBeGreaterThan(created);
        expect(earliestStepAt(created, spec)).toBeLessThanOrEqual(exact);
      }
    }
    // With round-the-clock hours it is the exact instant.
    expect(earliestStepAt(at('2026-01-01T10:00:00Z'), specs[0]!)).toBe(at('2026-01-01T10:08:00Z'));
  });
});

describe('leaderboard', () => {
  const names: Record<string, string> = { U1: 'Ana', U2: 'Bo', U3: 'Cy', U4: 'Dee' };
  const t = (by: string, fr: number | null, rating: number | null) => ({
    resolvedBy: by,
    createdAt: 0,
    firstResponseAt: fr,
    rating,
  });
  it('puts the team total first, sorts by count with ties alphabetical, lists zero-ticket people as also on duty', () => {
    const board = buildLeaderboard(
      [t('U2', 60_000, 5), t('U1', 120_000, 4), t('U1', 240_000, null), t('U3', null, 2), t('U2', 30_000, null)],
      ['U1', 'U2', 'U3', 'U4'],
      (u) => names[u]!,
    );
    expect(board.total).toEqual({ handled: 5, medianFirstResponseMs: 90_000, averageRating: 11 / 3, people: 3 });
    expect(board.entries.map((e) => [e.name, e.handled])).toEqual([
      ['Ana', 2],
      ['Bo', 2],
      ['Cy', 1],
    ]);
    expect(board.entries[0]).toMatchObject({ medianFirstResponseMs: 180_000, averageRating: 4 });
    expect(board.alsoOnDuty).toEqual([{ userId: 'U4', name: 'Dee' }]);
    expect(JSON.stringify(board)).not.toMatch(/worst|last place|bottom/i);
  });
  it('an empty period shows everyone on duty and no numbers', () => {
    const board = buildLeaderboard([], ['U2', 'U1'], (u) => names[u]!);
    expect(board.total).toEqual({ handled: 0, medianFirstResponseMs: null, averageRating: null, people: 0 });
    expect(board.alsoOnDuty.map((p) => p.name)).toEqual(['Ana', 'Bo']);
  });
});

describe('burst grouping and customers', () => {
  it('names the most common words once per ticket, ignoring filler', () => {
    const words = commonWords(
      ['Login is broken!!', 'cannot login, page broken broken', 'the export is slow', 'login timeout'],
      2,
    );
    expect(words).toEqual([
      { word: 'login', count: 3 },
      { word: 'broken', count: 2 },
    ]);
  });
  it('a burst starts when the waiting cards would take longer than the window', () => {
    expect(isBurst(3, 1100)).toBe(false);
    expect(isBurst(6, 1100)).toBe(true);
  });
  it('a customer is their company, else their e-mail, else their Slack user', () => {
    expect(customerKey({ company: ' Acme ', email: 'a@x.io', slackUserId: 'U1' })).toBe('company:acme');
    expect(customerKey({ email: 'A@X.io', slackUserId: 'U1' })).toBe('email:a@x.io');
    expect(customerKey({ slackUserId: 'U1' })).toBe('slack:U1');
    expect(customerKey({})).toBeNull();
  });
});
