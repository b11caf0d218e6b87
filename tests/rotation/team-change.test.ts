import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../../src/adapters/db/client';
import { ManualClock } from '../../src/domain/clock';
import { listPeriods } from '../../src/services/rotation/get-duty';
import { answerSwap, requestSwap } from '../../src/services/rotation/swap';
import { startFakeSlack, type FakeSlack } from '../harness/fake-slack';
import { startTestApp, type TestApp } from '../support/app';

const team = (name: string, code: string) => ({
  name,
  lead: `U0${code}LEAD01`,
  members: [`U0${code}LEAD01`, `U0${code}DEV001`],
});
const base = {
  timezone: 'Europe/Berlin',
  rotation: { periodDays: 14, handoff: { weekday: 'monday', time: '10:00' }, anchor: '2026-01-05', headsUp: false },
};
const three = [team('Payments', 'PAY'), team('Onboarding', 'ONB'), team('Search', 'SRC')];

describe('changing the team list in the config', () => {
  let slack: FakeSlack;
  let app: TestApp | undefined;
  let dir: string;
  afterEach(async () => {
    await app?.stop();
    await slack.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('applies from the next period; the period under way and an accepted swap keep their teams', async () => {
    slack = (await startFakeSlack()).allowStandard();
    for (const code of ['PAY', 'ONB', 'SRC', 'MOB'])
      for (const r of ['LEAD01', 'DEV001']) slack.addUser({ id: `U0${code}${r}` });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyloop-teams-'));
    const url = path.join(dir, 'db.sqlite');
    const clock = new ManualClock('2026-11-22T12:00:00Z');
    const window = { from: new Date('2026-11-10T00:00:00Z'), to: new Date('2027-02-10T00:00:00Z') };

    app = await startTestApp({
      slackApiUrl: slack.url,
      clock,
      file: { ...base, teams: three },
      db: openDb(url),
      background: false,
    });
    const { request } = await requestSwap({
      ctx: app.rt.ctx,
      input: { userId: 'U0PAYDEV001', myPeriod: 24, theirPeriod: 26 },
    });
    await answerSwap({ ctx: app.rt.ctx, input: { requestId: request.id, userId: 'U0SRCLEAD01', accept: true } });
    const before = (await listPeriods({ ctx: app.rt.ctx, input: window })).map((p) => `${p.index} ${p.team.name}`);
    expect(before).toEqual([
      '22 Onboarding',
      '23 Search',
      '24 Search',
      '25 Onboarding',
      '26 Payments',
      '27 Payments',
      '28 Onboarding',
    ]);
    await app.stop();

    // Mobile joins while period 22 (Onboarding) runs.
    app = await startTestApp({
      slackApiUrl: slack.url,
      clock,
      file: { ...base, teams: [...three, team('Mobile', 'MOB')] },
      db: openDb(url),
      background: false,
    });
    const after = (await listPeriods({ ctx: app.rt.ctx, input: window })).map((p) => `${p.index} ${p.team.name}`);
    // 22 keeps Onboarding; the turn continues with Search (23), then Mobile — but 24 and 26 stay as swapped.
    expect(after).toEqual([
      '22 Onboarding',
      '23 Search',
      '24 Search',
      '25 Payments',
      '26 Payments',
      '27 Search',
      '28 Mobile',
    ]);

    // Restarting with the same list changes nothing.
    await app.stop();
    app = await startTestApp({
      slackApiUrl: slack.url,
      clock,
      file: { ...base, teams: [...three, team('Mobile', 'MOB')] },
      db: openDb(url),
      background: false,
    });
    expect((await listPeriods({ ctx: app.rt.ctx, input: window })).map((p) => `${p.index} ${p.team.name}`)).toEqual(
      after,
    );
  });
});
