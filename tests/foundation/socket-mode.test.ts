import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../harness/fake-slack';
import { startTestApp, teamId, type TestApp } from '../support/app';
import { systemClock } from '../../src/domain/clock';

describe('Socket Mode', () => {
  let slack: FakeSlack | undefined;
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.stop();
    slack?.assertNoUnexpectedCalls();
    await slack?.close();
  });

  it('with SLACK_APP_TOKEN set, commands arrive over the WebSocket and the HTTP server still serves the rest', async () => {
    slack = await startFakeSlack();
    slack.allowStandard();
    app = await startTestApp({ slackApiUrl: slack.url, clock: systemClock, env: { SLACK_APP_TOKEN: 'xapp-1-test' } });
    await slack.socketConnected();

    const ack = await slack.sendEnvelope('slash_commands', {
      command: '/duty',
      text: 'help',
      user_id: 'U0ASKER0001',
      team_id: teamId,
      channel_id: 'C0DUTY00001',
      response_url: slack.responseUrl('socket'),
      trigger_id: 't.1',
      token: 'x',
      api_app_id: 'A1',
    });
    expect(ack.envelope_id).toBeTruthy();
    const reply = await slack.waitForResponse();
    expect(reply.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply.body.blocks)).toContain('/duty help');

    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
    // Over HTTP, /slack/events is not where Slack talks to us in Socket Mode.
    const events = await fetch(`${app.url}/slack/events`, { method: 'POST', body: '{}' });
    expect(events.status).toBe(503);
  });
});
