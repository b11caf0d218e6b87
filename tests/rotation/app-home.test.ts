import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock';
import { startFakeSlack, type FakeSlack } from '../harness/fake-slack';
import { appHomeOpenedEvent, postEvent } from '../harness/slack-requests';
import { startTestApp, type TestApp } from '../support/app';

const file = {
  timezone: 'Europe/Berlin',
  rotation: { periodDays: 14, handoff: { weekday: 'monday', time: '10:00' }, anchor: '2026-01-05', headsUp: false },
  teams: [
    { name: 'Payments', lead: 'U0PAYLEAD01', members: ['U0PAYLEAD01', 'U0PAYDEV001'] },
    { name: 'Onboarding', lead: 'U0ONBLEAD01', members: ['U0ONBLEAD01', 'U0ONBDEV001'] },
    { name: 'Search', lead: 'U0SRCLEAD01', members: ['U0SRCLEAD01', 'U0SRCDEV001'] },
  ],
};

describe('App Home', () => {
  let slack: FakeSlack;
  let app: TestApp;
  afterEach(async () => {
    await app.stop();
    slack.assertNoUnexpectedCalls();
    await slack.close();
  });

  it("shows who is on duty now and next, and the viewer's own next duty", async () => {
    slack = (await startFakeSlack()).allowStandard();
    for (const id of ['U0PAYLEAD01', 'U0PAYDEV001', 'U0ONBLEAD01', 'U0ONBDEV001', 'U0SRCLEAD01', 'U0SRCDEV001'])
      slack.addUser({ id });
    const clock = new ManualClock('2026-11-22T12:00:00Z');
    app = await startTestApp({ slackApiUrl: slack.url, clock, file });
    await postEvent(app.slackTarget, appHomeOpenedEvent({ user: 'U0PAYDEV001' }), {
      timestamp: Math.floor(clock.now().getTime() / 1000),
    });
    const published = JSON.stringify(await slack.waitFor('views.publish'));
    expect(published).toContain('On duty now: Onboarding');
    expect(published).toContain('Next: *Search* from Mon 23 Nov 10:00');
    expect(published).toContain('Your next duty (*Payments*): Mon 7 Dec 10:00 → Mon 21 Dec 10:00');
  });
});
