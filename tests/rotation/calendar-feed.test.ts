import ICAL from 'ical.js';
import ical from 'node-ical';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scheduleLines } from '../../src/app/schedule-command';
import { ManualClock } from '../../src/domain/clock';
import { startFakeSlack, type FakeSlack } from '../harness/fake-slack';
import { seededDatabase, startTestApp, teamId, type TestApp } from '../support/app';
import { readerHeaders } from '../dashboard/support/api-token';

const people = ['U0PAYLEAD01', 'U0PAYDEV001', 'U0ONBLEAD01', 'U0ONBDEV001'];
const file = {
  timezone: 'Europe/Berlin',
  rotation: { periodDays: 14, handoff: { weekday: 'monday', time: '10:00' }, anchor: '2026-01-05', headsUp: false },
  teams: [
    { name: 'Payments', lead: 'U0PAYLEAD01', members: ['U0PAYLEAD01', 'U0PAYDEV001'] },
    { name: 'Onboarding', lead: 'U0ONBLEAD01', members: ['U0ONBLEAD01', 'U0ONBDEV001'] },
  ],
};

/** Runs `fn` with the process in another time zone (Node re-reads TZ when it is set). */
async function inZone<T>(zone: string, fn: () => Promise<T> | T): Promise<T> {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

/** Local wall-clock start of each event, read by node-ical in this process's zone. */
function startsByNodeIcal(ics: string): string[] {
  const events = Object.values(ical.sync.parseICS(ics)).filter((e) => e.type === 'VEVENT') as ical.VEvent[];
  return events.map((e) => localWallClock(e.start as Date));
}

/** The same, read by Mozilla's ical.js, an independent parser. */
function startsByIcalJs(ics: string): string[] {
  const cal = new ICAL.Component(ICAL.parse(ics));
  return cal.getAllSubcomponents('vevent').map((v) => localWallClock(new ICAL.Event(v).startDate.toJSDate()));
}

const localWallClock = (d: Date) =>
  `${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getDay()]} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

/** What the workspace row keeps of the calendar token. */
async function storedCalendarToken(app: TestApp): Promise<string> {
  const [row] = await app.query<{ t: string }>('SELECT calendar_token AS t FROM workspaces WHERE id = ?', teamId);
  return row!.t;
}

describe('the iCal feed', () => {
  let slack: FakeSlack;
  let app: TestApp | undefined;
  beforeEach(async () => {
    slack = (await startFakeSlack()).allowStandard();
    for (const id of people) slack.addUser({ id, tz: 'Europe/Berlin' });
  });
  afterEach(async () => {
    await app?.stop();
    app = undefined;
    slack.assertNoUnexpectedCalls();
    await slack.close();
  });

  it('served from a UTC server, starts every duty at 10:00 Monday for a reader in Berlin, across both DST changes, in two parsers', async () => {
    app = await startTestApp({ slackApiUrl: slack.url, clock: new ManualClock('2026-06-01T12:00:00Z'), file });
    const token = await app.rt.storage.workspaces.rotateCalendarToken(teamId);
    const fetchFeed = () => fetch(`${app!.url}/calendar.ics?token=${token}`).then((r) => r.text());
    const ics = await inZone('UTC', fetchFeed);
    // The feed spans Dec 2025 – Jun 2027: both changes of 2026 and the spring one of 2027.
    const events = Object.values(ical.sync.parseICS(ics)).filter((e) => e.type === 'VEVENT') as ical.VEvent[];
    const first = Math.min(...events.map((e) => (e.start as Date).getTime()));
    const last = Math.max(...events.map((e) => (e.start as Date).getTime()));
    expect(first).toBeLessThan(Date.parse('2026-03-29T00:00:00Z'));
    expect(last).toBeGreaterThan(Date.parse('2027-03-28T12:00:00Z'));
    expect(events.length).toBeGreaterThan(35);

    for (const parse of [startsByNodeIcal, startsByIcalJs]) {
      const starts = await inZone('Europe/Berlin', () => parse(ics));
      expect(starts).toHaveLength(events.length);
      expect(new Set(starts)).toEqual(new Set(['Mon 10:00']));
    }
    // Whatever zone the server runs in, it writes the same feed.
    for (const zone of ['Pacific/Auckland', 'America/Los_Angeles']) expect(await inZone(zone, fetchFeed)).toBe(ics);
  });

  it('needs the current token: rotating prints a new one and the old feed URL stops working at once', async () => {
    app = await startTestApp({ slackApiUrl: slack.url, clock: new ManualClock('2026-06-01T12:00:00Z'), file });
    const old = await app.rt.storage.workspaces.rotateCalendarToken(teamId);
    const status = (token: string) =>
      fetch(`${app!.url}/calendar.ics?token=${encodeURIComponent(token)}`).then((r) => r.status);
    expect(await status(old)).toBe(200);
    const fresh = await app.rt.storage.workspaces.rotateCalendarToken(teamId);
    expect(fresh).not.toBe(old);
    expect(await status(old)).toBe(401);
    expect(await status(fresh)).toBe(200);
    expect(await status('')).toBe(401);
    const stored = await storedCalendarToken(app);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(await status(stored)).toBe(401);
  });

  it('a token stored in clear by an older version is hashed at start, and its feed URL keeps working', async () => {
    const older = await seededDatabase((exec) =>
      exec(
        "INSERT INTO workspaces (id, name, calendar_token, created_at) VALUES (?, 'Acme', 'old-clear-token-123', 0)",
        teamId,
      ),
    );
    app = await startTestApp({
      slackApiUrl: slack.url,
      clock: new ManualClock('2026-06-01T12:00:00Z'),
      file,
      ...older,
    });
    const stored = await storedCalendarToken(app);
    expect(stored).not.toContain('old-clear-token');
    expect((await fetch(`${app.url}/calendar.ics?token=old-clear-token-123`)).status).toBe(200);
  });

  it("dutyloop schedule prints the same lines in the organisation's zone whatever the server's zone", async () => {
    app = await startTestApp({ slackApiUrl: slack.url, clock: new ManualClock('2026-10-20T12:00:00Z'), file });
    const lines = await inZone('UTC', () => scheduleLines(app!.rt.ctx, 3));
    expect(lines.slice(0, 4)).toEqual([
      'Coming duty periods (times in Europe/Berlin):',
      'Mon 2026-10-12 10:00 → Mon 2026-10-26 10:00  Payments  U0PAYLEAD01 U0PAYDEV001',
      'Mon 2026-10-26 10:00 → Mon 2026-11-09 10:00  Onboarding  U0ONBLEAD01 U0ONBDEV001',
      'Mon 2026-11-09 10:00 → Mon 2026-11-23 10:00  Payments  U0PAYLEAD01 U0PAYDEV001',
    ]);
    for (const zone of ['Pacific/Auckland', 'America/Los_Angeles'])
      expect(await inZone(zone, () => scheduleLines(app!.rt.ctx, 3))).toEqual(lines);
  });

  it("GET /api/schedule reads a time without an offset in the organisation's zone, whatever the server's zone", async () => {
    app = await startTestApp({ slackApiUrl: slack.url, clock: new ManualClock('2026-10-20T12:00:00Z'), file });
    const headers = await readerHeaders(app, teamId);
    // 09:30–10:30 Berlin on 26 Oct straddles the 10:00 handoff from Payments to Onboarding.
    const teams = () =>
      fetch(`${app!.url}/api/schedule?from=2026-10-26T09:30&to=2026-10-26T10:30`, { headers })
        .then((r) => r.json() as Promise<{ periods: { team: { name: string } }[] }>)
        .then((b) => b.periods.map((p) => p.team.name));
    for (const zone of ['UTC', 'Pacific/Auckland', 'America/Los_Angeles'])
      expect(await inZone(zone, teams), zone).toEqual(['Payments', 'Onboarding']);
  });
});
