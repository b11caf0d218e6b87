import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type DbHandle } from '../../src/adapters/db/client';
import { JobRunsRepo } from '../../src/adapters/jobs/job-runs.repo';
import { createLogger } from '../../src/adapters/logger';
import { ManualClock } from '../../src/domain/clock';
import { handoffJobName } from '../../src/services/rotation/run-handoff';
import { declareAway } from '../../src/services/rotation/declare-away';
import { startFakeSlack, type FakeSlack } from '../harness/fake-slack';
import { startTestApp, teamId, type TestApp } from '../support/app';

// Period 22 runs Mon 9 Nov 10:00 → Mon 23 Nov 10:00 Berlin (09:00Z): Onboarding; then Search.
const people = ['U0PAYLEAD01', 'U0PAYDEV001', 'U0ONBLEAD01', 'U0ONBDEV001', 'U0SRCLEAD01', 'U0SRCDEV001'];
const file = {
  timezone: 'Europe/Berlin',
  dutyChannel: 'C0DUTY00001',
  userGroup: 'S0SUPPORT01',
  rotation: { periodDays: 14, handoff: { weekday: 'monday', time: '10:00' }, anchor: '2026-01-05', headsUp: true },
  teams: [
    { name: 'Payments', lead: 'U0PAYLEAD01', members: ['U0PAYLEAD01', 'U0PAYDEV001'] },
    { name: 'Onboarding', lead: 'U0ONBLEAD01', members: ['U0ONBLEAD01', 'U0ONBDEV001'] },
    { name: 'Search', lead: 'U0SRCLEAD01', members: ['U0SRCLEAD01', 'U0SRCDEV001'] },
  ],
};
const period22 = '2026-11-09T09:00:00.000Z';

describe('the handoff job', () => {
  let slack: FakeSlack;
  let dir: string;
  const apps: TestApp[] = [];
  beforeEach(async () => {
    slack = (await startFakeSlack()).allowStandard();
    for (const id of people) slack.addUser({ id });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyloop-handoff-'));
  });
  afterEach(async () => {
    for (const a of apps.splice(0)) await a.stop();
    slack.assertNoUnexpectedCalls();
    await slack.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const dbFile = () => path.join(dir, 'dutyloop.db');
  async function start(at: string, opts: { db?: DbHandle; log?: ReturnType<typeof createLogger> } = {}) {
    const app = await startTestApp({
      slackApiUrl: slack.url,
      clock: new ManualClock(at),
      file,
      db: opts.db ?? openDb(dbFile()),
      log: opts.log,
    });
    apps.push(app);
    // Started means caught up: the start-up handoff ran and its messages went out.
    await app.rt.scheduler.idle();
    await app.rt.outbox.idle();
    return app;
  }
  async function stop(app: TestApp) {
    apps.splice(apps.indexOf(app), 1);
    await app.stop();
  }
  const channelPosts = () => slack.callsTo('chat.postMessage').filter((a) => a.channel === 'C0DUTY00001');
  const dmsTo = (user: string) => slack.callsTo('chat.postMessage').filter((a) => a.channel === user);
  function priorHandoff(db: DbHandle, key = period22) {
    new JobRunsRepo(db.db).tryStart(teamId, handoffJobName, key, Date.parse(key));
  }

  it('a boundary passed while the process was down is handed over once on start, marked late, and never again after a restart', async () => {
    // A new installation mid-period: topic and group point at Onboarding, nothing is announced.
    const first = await start('2026-11-22T12:00:00Z');
    expect(channelPosts()).toHaveLength(0);
    expect(slack.callsTo('conversations.setTopic').at(-1)!.topic).toContain('On duty: Onboarding');
    expect(slack.callsTo('usergroups.users.update').at(-1)).toMatchObject({
      usergroup: 'S0SUPPORT01',
      users: 'U0ONBLEAD01,U0ONBDEV001',
    });
    await stop(first);

    // Down across Monday 10:00; back at 16:00.
    const second = await start('2026-11-23T15:00:00Z');
    const posts = channelPosts();
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts[0]!.blocks)).toContain('Handoff: Search is on support duty');
    expect(JSON.stringify(posts[0]!.blocks)).toContain('<@U0SRCLEAD01> <@U0SRCDEV001>');
    expect(JSON.stringify(posts[0]!.blocks)).toContain('Thank you, *Onboarding*');
    expect(JSON.stringify(posts[0]!.blocks)).toContain('Posted late');
    expect(slack.callsTo('conversations.setTopic').at(-1)!.topic).toContain('On duty: Search');
    expect(slack.callsTo('usergroups.users.update').at(-1)!.users).toBe('U0SRCLEAD01,U0SRCDEV001');
    expect(
      dmsTo('U0SRCLEAD01')
        .map((a) => a.text)
        .join(),
    ).toContain('Your team *Search* is on support duty');
    expect(dmsTo('U0SRCDEV001')).toHaveLength(1);
    expect(new JobRunsRepo(second.db.db).last(teamId, handoffJobName)).toMatchObject({
      runKey: '2026-11-23T09:00:00.000Z',
      late: true,
      status: 'done',
    });

    await second.rt.scheduler.runNow(handoffJobName);
    await stop(second);
    const third = await start('2026-11-23T15:05:00Z');
    await third.rt.scheduler.runNow(handoffJobName);
    await third.rt.outbox.idle();
    expect(channelPosts()).toHaveLength(1);
    expect(dmsTo('U0SRCDEV001')).toHaveLength(1);
  });

  it('two job runners on one database make one handoff', async () => {
    const seed = openDb(dbFile());
    priorHandoff(seed);
    seed.close();
    // Both running before the boundary (each one's start-up outbox recovery is the outbox's own business)…
    const a = await start('2026-11-23T08:59:00Z');
    const b = await start('2026-11-23T08:59:00Z');
    // …and both cross it at once.
    for (const app of [a, b]) (app.clock as ManualClock).set('2026-11-23T09:00:30Z');
    await Promise.all([a.rt.scheduler.runNow(handoffJobName), b.rt.scheduler.runNow(handoffJobName)]);
    await Promise.all([a.rt.outbox.idle(), b.rt.outbox.idle()]);
    expect(channelPosts()).toHaveLength(1);
    expect(JSON.stringify(channelPosts()[0]!.blocks)).not.toContain('Posted late');
    expect(slack.callsTo('usergroups.users.update')).toHaveLength(1);
    expect(dmsTo('U0SRCLEAD01').filter((d) => String(d.text).includes('Your team *Search*'))).toHaveLength(1);
  });

  it('a Slack error on the user group is logged once and the rest of the handoff still happens', async () => {
    const seed = openDb(dbFile());
    priorHandoff(seed);
    seed.close();
    slack.fail('usergroups.users.update', { error: 'permission_denied' });
    const lines: string[] = [];
    const log = createLogger('info', { write: (l: string) => void lines.push(l) });
    await start('2026-11-23T09:01:00Z', { log });
    expect(channelPosts()).toHaveLength(1);
    expect(slack.callsTo('conversations.setTopic').at(-1)!.topic).toContain('Search');
    expect(dmsTo('U0SRCLEAD01')).toHaveLength(1);
    expect(dmsTo('U0SRCDEV001')).toHaveLength(1);
    const about = lines.filter((l) => l.includes('permission_denied'));
    expect(about).toHaveLength(1);
    expect(about[0]).toContain('user group could not be updated');
    expect(slack.callsTo('usergroups.users.update')).toHaveLength(1);
  });

  it('the incoming team gets a heads-up the working day before (Friday for a Monday handoff), once', async () => {
    const seed = openDb(dbFile());
    priorHandoff(seed);
    seed.close();
    const app = await start('2026-11-20T08:30:00Z'); // Friday 09:30 Berlin, before 10:00
    expect(dmsTo('U0SRCLEAD01')).toHaveLength(0);
    (app.clock as ManualClock).set('2026-11-20T09:05:00Z');
    await app.rt.scheduler.runNow(handoffJobName);
    await app.rt.scheduler.runNow(handoffJobName);
    await app.rt.outbox.idle();
    expect(dmsTo('U0SRCLEAD01')).toHaveLength(1);
    expect(dmsTo('U0SRCLEAD01')[0]!.text).toContain('Heads-up: *Search* takes support duty on Mon 23 Nov 10:00');
    expect(dmsTo('U0SRCDEV001')).toHaveLength(1);
    expect(dmsTo('U0ONBLEAD01')).toHaveLength(0);
    expect(channelPosts()).toHaveLength(0);
  });

  it('a member away for the whole period is left out of the handoff; the stand-in is in the group and gets the briefing', async () => {
    const seed = openDb(dbFile());
    priorHandoff(seed);
    seed.close();
    const app = await start('2026-11-23T08:00:00Z');
    await declareAway({
      ctx: app.rt.ctx,
      input: { userId: 'U0SRCDEV001', from: '2026-11-20', to: '2026-12-08', standIn: 'U0PAYDEV001' },
    });
    (app.clock as ManualClock).set('2026-11-23T09:00:10Z');
    await app.rt.scheduler.runNow(handoffJobName);
    await app.rt.outbox.idle();
    expect(slack.callsTo('usergroups.users.update').at(-1)!.users).toBe('U0SRCLEAD01,U0PAYDEV001');
    expect(dmsTo('U0PAYDEV001').some((d) => String(d.text).includes('Your team *Search*'))).toBe(true);
    expect(dmsTo('U0SRCDEV001').some((d) => String(d.text).includes('Your team *Search*'))).toBe(false);
  });
});
