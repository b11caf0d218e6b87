import ical from 'node-ical';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock';
import { startFakeSlack, type FakeSlack } from '../harness/fake-slack';
import { postBlockAction, postSlashCommand, postViewSubmission } from '../harness/slack-requests';
import { readerHeaders } from '../dashboard/support/api-token';
import { startTestApp, teamId, testEngine, type TestApp } from '../support/app';

// Periods (Berlin, Monday 10:00): 22 Onboarding (now), 23 Search, 24 Payments, 25 Onboarding, 26 Search, 27 Payments.
const people = ['U0PAYLEAD01', 'U0PAYDEV001', 'U0ONBLEAD01', 'U0ONBDEV001', 'U0SRCLEAD01', 'U0SRCDEV001'];
const file = {
  timezone: 'Europe/Berlin',
  rotation: { periodDays: 14, handoff: { weekday: 'monday', time: '10:00' }, anchor: '2026-01-05', headsUp: false },
  teams: [
    { name: 'Payments', lead: 'U0PAYLEAD01', members: ['U0PAYLEAD01', 'U0PAYDEV001'] },
    { name: 'Onboarding', lead: 'U0ONBLEAD01', members: ['U0ONBLEAD01', 'U0ONBDEV001'] },
    { name: 'Search', lead: 'U0SRCLEAD01', members: ['U0SRCLEAD01', 'U0SRCDEV001'] },
  ],
};
const sel = (v: string) => ({ period: { type: 'static_select', selected_option: { value: v } } });

describe('/duty swap and /duty away', () => {
  let slack: FakeSlack;
  let app: TestApp;
  let clock: ManualClock;
  const signed = () => ({ timestamp: Math.floor(clock.now().getTime() / 1000) });
  beforeEach(async () => {
    slack = (await startFakeSlack()).allowStandard();
    for (const id of people) slack.addUser({ id, tz: 'Europe/Berlin' });
    clock = new ManualClock('2026-11-22T12:00:00Z');
    app = await startTestApp({ slackApiUrl: slack.url, clock, file, slackChannelIntervalMs: 0 });
    await app.rt.outbox.idle();
  });
  afterEach(async () => {
    await app.stop();
    slack.assertNoUnexpectedCalls();
    await slack.close();
  });

  async function schedule(from: string, to: string) {
    const res = await fetch(`${app.url}/api/schedule?from=${from}&to=${to}`, {
      headers: await readerHeaders(app, teamId),
    });
    return (
      (await res.json()) as { periods: { index: number; team: { name: string }; onDuty: string[]; swapped: boolean }[] }
    ).periods;
  }
  async function ask(user: string, mine: string, theirs: string) {
    const replies = slack.callsTo('chat.postEphemeral').length;
    await postViewSubmission(
      app.slackTarget,
      {
        callback_id: 'rotation.swap',
        user_id: user,
        private_metadata: JSON.stringify({ channelId: 'C0DUTY00001' }),
        values: { mine: sel(mine), theirs: sel(theirs) },
      },
      signed(),
    );
    // The modal closes at once; the request is stored after, and the asker is answered whatever the outcome.
    for (let i = 0; i < 250 && slack.callsTo('chat.postEphemeral').length === replies; i++)
      await new Promise((r) => setTimeout(r, 20));
    await app.rt.outbox.idle();
  }
  const requestIdIn = (lead: string) => {
    const dm = slack
      .callsTo('chat.postMessage')
      .filter((a) => a.channel === lead)
      .at(-1) as { blocks: { elements?: { value: string }[] }[] };
    return dm.blocks[1]!.elements![0]!.value;
  };
  const lastEphemeral = () => String(slack.callsTo('chat.postEphemeral').at(-1)?.text);

  it("/duty swap opens a modal offering my team's coming periods for other teams' ones", async () => {
    await postSlashCommand(
      app.slackTarget,
      { text: 'swap', user_id: 'U0PAYDEV001', team_id: teamId, channel_id: 'C0DUTY00001' },
      signed(),
    );
    const opened = (await slack.waitFor('views.open')) as {
      view: { callback_id: string; blocks: { element?: { options?: { text: { text: string } }[] } }[] };
    };
    expect(opened.view.callback_id).toBe('rotation.swap');
    expect(opened.view.blocks[0]!.element!.options!.every((o) => o.text.text.startsWith('Payments'))).toBe(true);
    expect(opened.view.blocks[1]!.element!.options!.some((o) => o.text.text.startsWith('Search'))).toBe(true);
    expect(opened.view.blocks[1]!.element!.options![0]!.text.text).toBe('Search · Mon 23 Nov 10:00 → Mon 7 Dec 10:00');
  });

  it('the other lead accepts: the two periods change teams and both teams are told', async () => {
    await ask('U0PAYDEV001', '24', '26');
    expect(lastEphemeral()).toContain('Asked <@U0SRCLEAD01> (Search) to swap');
    expect((await schedule('2026-12-08T00:00:00Z', '2027-01-10T00:00:00Z')).map((p) => p.team.name)).toEqual([
      'Payments',
      'Onboarding',
      'Search',
    ]);
    await postBlockAction(
      app.slackTarget,
      {
        action_id: 'rotation.swap_accept',
        value: requestIdIn('U0SRCLEAD01'),
        user_id: 'U0SRCLEAD01',
        response_url: slack.responseUrl('accept'),
      },
      signed(),
    );
    expect(String((await slack.waitForResponse()).body.text)).toContain('You accepted the swap with Payments');
    await app.rt.outbox.idle();
    const after = await schedule('2026-12-08T00:00:00Z', '2027-01-10T00:00:00Z');
    expect(after.map((p) => [p.team.name, p.swapped])).toEqual([
      ['Search', true],
      ['Onboarding', false],
      ['Payments', true],
    ]);
    for (const p of ['U0PAYLEAD01', 'U0PAYDEV001', 'U0SRCLEAD01', 'U0SRCDEV001']) {
      expect(
        slack.callsTo('chat.postMessage').some((a) => a.channel === p && String(a.text).includes('Swap agreed')),
      ).toBe(true);
    }
    expect(slack.callsTo('chat.postMessage').some((a) => a.channel === 'U0ONBLEAD01')).toBe(false);
    // The calendar shows the swap on the same events (same UIDs), not as extra ones.
    const token = await app.rt.storage.workspaces.rotateCalendarToken(teamId);
    const events = Object.values(
      ical.sync.parseICS(await (await fetch(`${app.url}/calendar.ics?token=${token}`)).text()),
    ).filter((e) => e.type === 'VEVENT') as ical.VEvent[];
    expect(events.filter((e) => e.uid === `period-24@${teamId}.dutyloop`).map((e) => e.summary)).toEqual([
      'Support duty: Search (swapped)',
    ]);
    expect(events.filter((e) => e.uid === `period-26@${teamId}.dutyloop`).map((e) => e.summary)).toEqual([
      'Support duty: Payments (swapped)',
    ]);
    const mine = Object.values(
      ical.sync.parseICS(await (await fetch(`${app.url}/calendar.ics?token=${token}&member=U0PAYDEV001`)).text()),
    ).filter((e) => e.type === 'VEVENT') as ical.VEvent[];
    expect(mine.some((e) => e.uid === `period-24@${teamId}.dutyloop`)).toBe(false);
    expect(mine.some((e) => e.uid === `period-26@${teamId}.dutyloop`)).toBe(true);
  });

  it('the other lead declines: nothing changes and the requester is told; only that lead may answer', async () => {
    await ask('U0PAYDEV001', '24', '26');
    const id = requestIdIn('U0SRCLEAD01');
    await postBlockAction(
      app.slackTarget,
      {
        action_id: 'rotation.swap_accept',
        value: id,
        user_id: 'U0ONBLEAD01',
        response_url: slack.responseUrl('wrong'),
      },
      signed(),
    );
    expect(String((await slack.waitForResponse((r) => r.id === 'wrong')).body.text)).toContain(
      "Only the other team's lead",
    );
    await postBlockAction(
      app.slackTarget,
      { action_id: 'rotation.swap_decline', value: id, user_id: 'U0SRCLEAD01', response_url: slack.responseUrl('no') },
      signed(),
    );
    await slack.waitForResponse((r) => r.id === 'no');
    await app.rt.outbox.idle();
    expect(
      slack
        .callsTo('chat.postMessage')
        .some((a) => a.channel === 'U0PAYDEV001' && String(a.text).includes('declined your swap request')),
    ).toBe(true);
    expect((await schedule('2026-12-08T00:00:00Z', '2027-01-10T00:00:00Z')).every((p) => !p.swapped)).toBe(true);
  });

  it('the answer and its notifications commit together: when the notifications cannot be written, the swap is not agreed either', async () => {
    await ask('U0PAYDEV001', '24', '26');
    const id = requestIdIn('U0SRCLEAD01');
    // The database refuses the "Swap agreed" messages, as a full disk or a crash mid-write would.
    if (testEngine === 'sqlite')
      await app.exec(
        `CREATE TRIGGER refuse_swap_news BEFORE INSERT ON outbox WHEN NEW.payload LIKE '%Swap agreed%' BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`,
      );
    else {
      await app.exec(
        `CREATE FUNCTION refuse_swap_news() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF NEW.payload::text LIKE '%Swap agreed%' THEN RAISE EXCEPTION 'disk I/O error'; END IF;
           RETURN NEW;
         END $$`,
      );
      await app.exec(
        'CREATE TRIGGER refuse_swap_news BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION refuse_swap_news()',
      );
    }
    const status = async () => {
      const [row] = await app.query<{ status: string }>(
        'SELECT status FROM rotation_swap_requests WHERE id = ?',
        Number(id),
      );
      return row!.status;
    };
    await postBlockAction(
      app.slackTarget,
      {
        action_id: 'rotation.swap_accept',
        value: id,
        user_id: 'U0SRCLEAD01',
        response_url: slack.responseUrl('failed'),
      },
      signed(),
    );
    await new Promise((r) => setTimeout(r, 200));
    await app.rt.outbox.idle();
    expect(await status()).toBe('pending');
    expect((await schedule('2026-12-08T00:00:00Z', '2027-01-10T00:00:00Z')).every((p) => !p.swapped)).toBe(true);
    expect(slack.callsTo('chat.postMessage').some((a) => String(a.text).includes('Swap agreed'))).toBe(false);

    // Once writes work again the lead's second click agrees the swap and everyone is told.
    await app.exec(
      testEngine === 'sqlite' ? 'DROP TRIGGER refuse_swap_news' : 'DROP TRIGGER refuse_swap_news ON outbox',
    );
    await postBlockAction(
      app.slackTarget,
      {
        action_id: 'rotation.swap_accept',
        value: id,
        user_id: 'U0SRCLEAD01',
        response_url: slack.responseUrl('again'),
      },
      signed(),
    );
    expect(String((await slack.waitForResponse((r) => r.id === 'again')).body.text)).toContain(
      'You accepted the swap with Payments',
    );
    await app.rt.outbox.idle();
    expect(await status()).toBe('accepted');
    expect(
      slack
        .callsTo('chat.postMessage')
        .filter((a) => String(a.text).includes('Swap agreed'))
        .map((a) => a.channel)
        .sort(),
    ).toEqual(['U0PAYDEV001', 'U0PAYLEAD01', 'U0SRCDEV001', 'U0SRCLEAD01']);
  });

  it("a past period, my own team's period, or one already asked for gets a clear ephemeral message and changes nothing", async () => {
    await ask('U0PAYDEV001', '22', '26');
    expect(lastEphemeral()).toMatch(/already started or is past.*Nothing changed/);
    await ask('U0PAYDEV001', '24', '27');
    expect(lastEphemeral()).toMatch(/already your own team's/);
    await ask('U0PAYDEV001', '24', '26');
    await ask('U0PAYLEAD01', '24', '23');
    expect(lastEphemeral()).toMatch(/already part of a pending swap request/);
    expect(slack.callsTo('chat.postMessage').filter((a) => a.channel === 'U0SRCLEAD01')).toHaveLength(1);
  });

  it('a request expires when its period starts', async () => {
    await ask('U0PAYDEV001', '24', '26');
    clock.set('2026-12-07T09:30:00Z');
    await postBlockAction(
      app.slackTarget,
      {
        action_id: 'rotation.swap_accept',
        value: requestIdIn('U0SRCLEAD01'),
        user_id: 'U0SRCLEAD01',
        response_url: slack.responseUrl('late'),
      },
      signed(),
    );
    expect(String((await slack.waitForResponse()).body.text)).toContain('expired');
    expect((await schedule('2026-12-08T00:00:00Z', '2027-01-10T00:00:00Z')).every((p) => !p.swapped)).toBe(true);
    // The lapsed request no longer holds Search's period 26: it can be asked for again.
    await ask('U0PAYDEV001', '27', '26');
    expect(lastEphemeral()).toContain('Asked <@U0SRCLEAD01> (Search) to swap');
  });

  it('/duty away: an end before the start is a field error; a valid absence puts the stand-in on duty', async () => {
    await postSlashCommand(app.slackTarget, { text: 'away', user_id: 'U0PAYDEV001', team_id: teamId }, signed());
    expect(((await slack.waitFor('views.open')) as { view: { callback_id: string } }).view.callback_id).toBe(
      'rotation.away',
    );
    const values = (from: string, to: string, standIn: string | null) => ({
      from: { date: { type: 'datepicker', selected_date: from } },
      to: { date: { type: 'datepicker', selected_date: to } },
      stand_in: { user: { type: 'users_select', selected_user: standIn } },
    });
    const bad = await postViewSubmission(
      app.slackTarget,
      { callback_id: 'rotation.away', user_id: 'U0PAYDEV001', values: values('2026-12-10', '2026-12-08', null) },
      signed(),
    );
    expect(bad.body).toEqual({
      response_action: 'errors',
      errors: { to: 'The last day must be on or after the first day.' },
    });
    expect((await schedule('2026-12-08T00:00:00Z', '2026-12-09T00:00:00Z'))[0]!.onDuty).toEqual([
      'U0PAYLEAD01',
      'U0PAYDEV001',
    ]);
    const ok = await postViewSubmission(
      app.slackTarget,
      {
        callback_id: 'rotation.away',
        user_id: 'U0PAYDEV001',
        values: values('2026-12-07', '2026-12-21', 'U0ONBDEV001'),
      },
      signed(),
    );
    expect(ok.status).toBe(200);
    await app.rt.outbox.idle();
    expect((await schedule('2026-12-08T00:00:00Z', '2026-12-09T00:00:00Z'))[0]!.onDuty).toEqual([
      'U0PAYLEAD01',
      'U0ONBDEV001',
    ]);
    expect(
      slack
        .callsTo('chat.postMessage')
        .some((a) => a.channel === 'U0PAYDEV001' && String(a.text).includes('Noted: you are away')),
    ).toBe(true);
  });
});
