import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classifyError } from '../../src/adapters/outbox/errors';
import { createLogger } from '../../src/adapters/logger';
import { ManualClock } from '../../src/domain/clock';
import { declareAway } from '../../src/services/rotation/declare-away';
import { handoffJobName } from '../../src/services/rotation/run-handoff';
import { startFakeSlack, type FakeSlack } from '../harness/fake-slack';
import { appHomeOpenedEvent, postBlockAction, postEvent } from '../harness/slack-requests';
import { startTestApp, teamId, type TestApp } from '../support/app';
import { postTicket, startTicketWorld, type TicketWorld } from '../tickets/support/world';

// Period 23 starts Mon 23 Nov 10:00 Berlin (09:00Z): Search takes over from Onboarding.
const people = ['U0ONBLEAD01', 'U0ONBDEV001', 'U0SRCLEAD01', 'U0SRCDEV001'];
const file = {
  timezone: 'Europe/Berlin',
  dutyChannel: 'C0DUTY00001',
  userGroup: 'S0SUPPORT01',
  rotation: { periodDays: 14, handoff: { weekday: 'monday', time: '10:00' }, anchor: '2026-01-05', headsUp: false },
  teams: [
    { name: 'Onboarding', lead: 'U0ONBLEAD01', members: ['U0ONBLEAD01', 'U0ONBDEV001'] },
    { name: 'Search', lead: 'U0SRCLEAD01', members: ['U0SRCLEAD01', 'U0SRCDEV001'] },
  ],
};

describe('dutyloop when Slack refuses', () => {
  let slack: FakeSlack;
  let app: TestApp | undefined;
  let lines: string[];
  beforeEach(async () => {
    slack = (await startFakeSlack()).allowStandard();
    for (const id of people) slack.addUser({ id });
    lines = [];
  });
  afterEach(async () => {
    await app?.stop();
    app = undefined;
    await slack.close();
  });

  /** Starts at `at`, with the previous handoff already done, so the next boundary is the one under test. */
  async function start(at: string) {
    app = await startTestApp({
      slackApiUrl: slack.url,
      clock: new ManualClock(at),
      file,
      log: createLogger('info', { write: (l: string) => void lines.push(l) }),
    });
    await app.rt.ctx.repos.jobs.tryStart(
      teamId,
      handoffJobName,
      '2026-11-09T09:00:00.000Z',
      Date.parse('2026-11-09T09:00:00.000Z'),
      false,
    );
    return app;
  }
  async function handOver(a: TestApp, at = '2026-11-23T09:00:30Z') {
    (a.clock as ManualClock).set(at);
    await a.rt.scheduler.runNow(handoffJobName);
    await a.rt.outbox.idle();
  }
  async function openHome(a: TestApp, user: string) {
    const before = slack.callsTo('views.publish').length;
    await postEvent(a.slackTarget, appHomeOpenedEvent({ user }), {
      timestamp: Math.floor(a.clock.now().getTime() / 1000),
    });
    await slack.waitFor('views.publish', () => slack.callsTo('views.publish').length > before);
    return JSON.stringify(slack.callsTo('views.publish').at(-1));
  }
  const rows = async (a: TestApp) =>
    (
      await a.query<{ status: string; payload: string; last_error: string | null }>(
        'SELECT status, payload, last_error FROM outbox ORDER BY id',
      )
    ).map(({ status, payload, last_error }) => ({
      status,
      method: (JSON.parse(payload) as { method?: string }).method,
      last_error,
    }));

  it('joins a public duty channel it was not invited to at start, so the handoff sets the topic', async () => {
    slack.setChannel('C0DUTY00001', { member: false });
    const a = await start('2026-11-23T08:00:00Z');
    expect(slack.callsTo('conversations.join')).toEqual([expect.objectContaining({ channel: 'C0DUTY00001' })]);
    await handOver(a);
    expect(slack.refusals).toEqual([]);
    expect(slack.callsTo('conversations.setTopic').at(-1)!.topic).toContain('On duty: Search');
    expect(lines.some((l) => l.includes('joined the channel'))).toBe(true);
  });

  it('not allowed to join: says so once in the log with the fix, shows it to leads on the App Home, and the DMs still go out', async () => {
    slack.scopes = slack.scopes.filter((s) => s !== 'channels:join' && s !== 'chat:write.public');
    slack.setChannel('C0DUTY00001', { member: false }).expectRefusal('not_in_channel');
    const a = await start('2026-11-23T08:00:00Z');
    await handOver(a);

    // The channel's writes failed for good; the lane did not wait on them, the briefings went out.
    expect(
      (await rows(a))
        .filter((r) => r.method !== 'chat.postMessage' || r.status !== 'done')
        .map((r) => [r.method, r.status]),
    ).toEqual(
      expect.arrayContaining([
        ['conversations.setTopic', 'dead'],
        ['chat.postMessage', 'dead'],
      ]),
    );
    expect(slack.callsTo('chat.postMessage').filter((m) => m.channel === 'U0SRCDEV001')).toHaveLength(1);
    expect(slack.callsTo('usergroups.users.update').at(-1)).toMatchObject({ users: 'U0SRCLEAD01,U0SRCDEV001' });
    const said = lines.filter((l) => l.includes('/invite @dutyloop'));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('C0DUTY00001');

    expect(await openHome(a, 'U0SRCLEAD01')).toMatch(
      /Needs an admin.*not a member of channel <#C0DUTY00001>.*\/invite @dutyloop/,
    );
    expect(await openHome(a, 'U0SRCDEV001')).not.toContain('Needs an admin');

    // Once the bot is invited, the notice goes away.
    slack.setChannel('C0DUTY00001', { member: true });
    expect(await openHome(a, 'U0SRCLEAD01')).not.toContain('Needs an admin');
  });

  it('a private duty channel the bot cannot see is named in the log once, whatever the number of writes to it', async () => {
    slack.setChannel('C0DUTY00001', { member: false, kind: 'private' }).expectRefusal('channel_not_found');
    const a = await start('2026-11-23T08:00:00Z');
    await handOver(a);
    expect(slack.callsTo('conversations.join')).toEqual([]);
    const said = lines.filter((l) => l.includes('cannot see channel C0DUTY00001'));
    expect(said).toHaveLength(1);
    expect((await rows(a)).filter((r) => r.status === 'dead').length).toBeGreaterThanOrEqual(2);
    expect((await rows(a)).filter((r) => r.status === 'pending')).toEqual([]);
  });

  it('a team with everyone away points the duty user group at its lead instead of emptying it, and the handoff goes on', async () => {
    const a = await start('2026-11-23T08:00:00Z');
    for (const userId of ['U0SRCLEAD01', 'U0SRCDEV001'])
      await declareAway({ ctx: a.rt.ctx, input: { userId, from: '2026-11-20', to: '2026-12-10' } });
    await handOver(a);
    expect(slack.callsTo('usergroups.users.update').at(-1)).toMatchObject({
      usergroup: 'S0SUPPORT01',
      users: 'U0SRCLEAD01',
    });
    expect(slack.callsTo('chat.postMessage').filter((m) => m.channel === 'C0DUTY00001')).toHaveLength(1);
    expect(lines.some((l) => l.includes('nobody in team Search is available'))).toBe(true);
  });
});

describe('the outbox lane after a permanent error', () => {
  it('a 4xx from Slack or a bug in a handler is not retried, so the writes behind it in the lane go on', () => {
    expect(
      classifyError(
        Object.assign(new Error('An HTTP protocol error occurred: statusCode = 404'), {
          code: 'slack_webapi_http_error',
          statusCode: 404,
        }),
      ).retry,
    ).toBe(false);
    expect(classifyError(new TypeError("Cannot read properties of undefined (reading 'ts')")).retry).toBe(false);
    expect(
      classifyError(
        Object.assign(new Error('An HTTP protocol error occurred: statusCode = 503'), {
          code: 'slack_webapi_http_error',
          statusCode: 503,
        }),
      ).retry,
    ).toBe(true);
    expect(classifyError(new TypeError('fetch failed')).retry).toBe(true);
  });
});

describe('a click Slack answers too late for', () => {
  let w: TicketWorld | undefined;
  afterEach(async () => {
    await w?.stop();
    w = undefined;
  });

  it('a trigger older than 3 seconds tells the clicker to click again instead of failing in silence', async () => {
    w = await startTicketWorld();
    const { id } = (await (
      await postTicket(w, {
        source: 'helpdesk',
        externalId: 'late-1',
        customer: { email: 'c@example.com' },
        text: 'Export hangs',
      })
    ).json()) as { id: number };
    // The app took over 3 s to get to views.open (by the fake's clock).
    w.slack.advanceClock(3500).expectRefusal('expired_trigger_id');
    await postBlockAction(w.app.slackTarget, {
      action_id: 'ticket.link_issue',
      value: String(id),
      user_id: 'U0OPERATOR1',
      response_url: w.slack.responseUrl('late'),
    });
    const reply = await w.slack.waitForResponse((r) => r.id === 'late');
    expect(reply.body).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('Please click again'),
    });
    expect(w.slack.refusals.map((r) => r.error)).toEqual(['expired_trigger_id']);
  });
});
