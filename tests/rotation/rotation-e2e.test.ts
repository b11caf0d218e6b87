import ical from 'node-ical';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/app/config';
import { ManualClock } from '../../src/domain/clock';
import { startFakeSlack, type FakeSlack } from '../harness/fake-slack';
import { postSlashCommand } from '../harness/slack-requests';
import { startTestApp, teamId, type TestApp } from '../support/app';
import { readerHeaders } from '../dashboard/support/api-token';

// The app checks signatures against its own (manual) clock.
const signedAtClock = { timestamp: Math.floor(Date.parse('2026-11-22T12:00:00Z') / 1000) };
const people = ['U0PAYLEAD01', 'U0PAYDEV001', 'U0ONBLEAD01', 'U0ONBDEV001', 'U0SRCLEAD01', 'U0SRCDEV001'];
const rotationFile = {
  timezone: 'Europe/Berlin',
  rotation: { periodDays: 14, handoff: { weekday: 'monday', time: '10:00' }, anchor: '2026-01-05' },
  teams: [
    { name: 'Payments', lead: 'U0PAYLEAD01', members: ['U0PAYLEAD01', 'U0PAYDEV001'] },
    { name: 'Onboarding', lead: 'U0ONBLEAD01', members: ['U0ONBLEAD01', 'onb.dev@example.com'] },
    { name: 'Search', lead: 'U0SRCLEAD01', members: ['U0SRCLEAD01', 'U0SRCDEV001'] },
  ],
};

describe('who is on duty, from Slack and over HTTP', () => {
  let slack: FakeSlack;
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
    slack.assertNoUnexpectedCalls();
    await slack.close();
  });

  async function start() {
    slack = (await startFakeSlack()).allowStandard();
    for (const id of people) slack.addUser({ id, tz: id === 'U0PAYDEV001' ? 'America/New_York' : 'Europe/Berlin' });
    slack.addUser({ id: 'U0ONBDEV001', email: 'onb.dev@example.com' });
    // 2026-11-22 is in period 22 (Mon 9 Nov → Mon 23 Nov): 22 mod 3 = 1 → Onboarding.
    app = await startTestApp({
      slackApiUrl: slack.url,
      clock: new ManualClock('2026-11-22T12:00:00Z'),
      file: rotationFile,
    });
    return app;
  }

  it('/duty names the team on duty, its members and lead, until when, and who is next', async () => {
    await start();
    await postSlashCommand(
      app!.slackTarget,
      { text: '', user_id: 'U0PAYLEAD01', team_id: teamId, response_url: slack.responseUrl('now') },
      signedAtClock,
    );
    const reply = await slack.waitForResponse();
    const text = JSON.stringify(reply.body.blocks);
    expect(reply.body.response_type).toBe('ephemeral');
    expect(text).toContain('On duty now: Onboarding');
    expect(text).toContain('<@U0ONBDEV001>');
    expect(text).toContain('lead <@U0ONBLEAD01>');
    expect(text).toContain('until Mon 23 Nov 10:00');
    expect(text).toContain('Next: *Search* from Mon 23 Nov 10:00');
  });

  it("/duty schedule shows the next periods in the viewer's own time zone, 14 days each, and the yearly counts", async () => {
    await start();
    await postSlashCommand(
      app!.slackTarget,
      { text: 'schedule 3', user_id: 'U0PAYDEV001', team_id: teamId, response_url: slack.responseUrl('s') },
      signedAtClock,
    );
    const text = JSON.stringify((await slack.waitForResponse()).body.blocks);
    expect(text).toContain('times in America/New_York');
    expect(text).toContain('*Onboarding* · Mon 9 Nov 04:00 → Mon 23 Nov 04:00 (14 days)');
    expect(text).toContain('*Search* · Mon 23 Nov 04:00 → Mon 7 Dec 04:00 (14 days)');
    expect(text).toContain('*Payments* · Mon 7 Dec 04:00 → Mon 21 Dec 04:00 (14 days)');
    expect(text).toMatch(/Payments 9 · Onboarding [89] · Search 9/);
  });

  it('resolves members given by e-mail at start', async () => {
    await start();
    const headers = await readerHeaders(app!, teamId);
    expect((await fetch(`${app!.url}/api/schedule`)).status).toBe(401);
    const res = await fetch(`${app!.url}/api/schedule?from=2026-12-08T12:00:00Z&to=2026-12-09T00:00:00Z`, { headers });
    const body = (await res.json()) as { periods: { team: { name: string; members: string[] } }[] };
    expect(body.periods[0]!.team).toMatchObject({ name: 'Payments' });
    const onb = (await fetch(`${app!.url}/api/schedule?from=2026-11-15T00:00:00Z&to=2026-11-16T00:00:00Z`, {
      headers,
    }).then((r) => r.json())) as typeof body;
    expect(onb.periods[0]!.team.members).toEqual(['U0ONBLEAD01', 'U0ONBDEV001']);
    const bad = await fetch(`${app!.url}/api/schedule?from=yesterday`, { headers });
    expect(bad.status).toBe(400);
  });

  it('serves the rotation as iCal with stable UIDs, parsed back by an iCal library; a wrong token is refused', async () => {
    await start();
    const token = await app!.rt.storage.workspaces.rotateCalendarToken(teamId);
    const res = await fetch(`${app!.url}/calendar.ics?token=${token}`);
    expect(res.headers.get('content-type')).toMatch(/text\/calendar/);
    const events = Object.values(ical.sync.parseICS(await res.text())).filter(
      (e) => e.type === 'VEVENT',
    ) as ical.VEvent[];
    const current = events.find((e) => e.uid === `period-22@${teamId}.dutyloop`)!;
    expect(current.summary).toBe('Support duty: Onboarding');
    expect((current.end as Date).getTime() - (current.start as Date).getTime()).toBe(14 * 86_400_000);
    const mine = await fetch(`${app!.url}/calendar.ics?token=${token}&member=U0PAYDEV001`).then((r) => r.text());
    const myEvents = Object.values(ical.sync.parseICS(mine)).filter((e) => e.type === 'VEVENT') as ical.VEvent[];
    expect(myEvents.length).toBeGreaterThan(0);
    expect(myEvents.every((e) => String(e.summary).includes('Payments'))).toBe(true);
    expect((await fetch(`${app!.url}/calendar.ics?token=nope`)).status).toBe(401);
  });

  it('an unknown user or a person in two teams stops start-up with every problem named', async () => {
    slack = (await startFakeSlack()).allowStandard();
    for (const id of people) slack.addUser({ id });
    const file = {
      ...rotationFile,
      teams: [
        { name: 'Payments', members: ['U0PAYLEAD01', 'U0NOBODY001'] },
        { name: 'Search', members: ['U0SRCLEAD01', 'U0PAYLEAD01', 'ghost@example.com'] },
      ],
    };
    const err = await startTestApp({ slackApiUrl: slack.url, file }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConfigError);
    const text = (err as ConfigError).problems.join('\n');
    expect(text).toMatch(/U0NOBODY001 is not a user of this workspace \(user_not_found\)/);
    expect(text).toMatch(/U0PAYLEAD01 is already in team Payments/);
    expect(text).toMatch(/no Slack user has the e-mail ghost@example.com/);
  });
});
