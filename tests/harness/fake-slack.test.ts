import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from './fake-slack';

describe('the fake Slack, driven by the real WebClient', () => {
  let slack: FakeSlack;
  afterEach(async () => slack.close());

  it('answers chat.postMessage and chat.update in Slack\'s wire format and records the arguments', async () => {
    slack = (await startFakeSlack()).allowStandard();
    const client = new WebClient('xoxb-x', { slackApiUrl: slack.url });
    const posted = await client.chat.postMessage({ channel: 'C1', text: 'hello', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }] });
    expect(posted).toMatchObject({ ok: true, channel: 'C1', ts: expect.stringMatching(/^\d+\.\d{6}$/), message: { text: 'hello' } });
    await client.chat.update({ channel: 'C1', ts: posted.ts!, text: 'edited' });
    expect(slack.callsTo('chat.postMessage')[0]!.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }]);
    expect(slack.state.messages[0]!.text).toBe('edited');
  });

  it('a 429 with Retry-After is retried by the WebClient after the wait', async () => {
    slack = (await startFakeSlack()).allowStandard();
    slack.fail('chat.postMessage', { status: 429, retryAfter: 1 });
    const client = new WebClient('xoxb-x', { slackApiUrl: slack.url, retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 50 } });
    const t0 = Date.now();
    const res = await client.chat.postMessage({ channel: 'C1', text: 'x' });
    expect(res.ok).toBe(true);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('a Slack error comes back as the platform error the client throws', async () => {
    slack = (await startFakeSlack()).allowStandard();
    slack.fail('usergroups.users.update', { error: 'permission_denied' });
    const client = new WebClient('xoxb-x', { slackApiUrl: slack.url });
    await expect(client.usergroups.users.update({ usergroup: 'S1', users: 'U1' })).rejects.toMatchObject({ code: 'slack_webapi_platform_error', data: { error: 'permission_denied' } });
  });

  it('a method the test did not allow is reported, so the test fails', async () => {
    slack = await startFakeSlack();
    slack.allow('auth.test');
    const client = new WebClient('xoxb-x', { slackApiUrl: slack.url });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({ data: { error: 'unknown_method' } });
    expect(() => slack.assertNoUnexpectedCalls()).toThrow(/chat\.postMessage/);
  });

  it('enforces one message per second per channel when asked, like Slack', async () => {
    slack = (await startFakeSlack({ channelRateLimitPerSecond: 1 })).allowStandard();
    const client = new WebClient('xoxb-x', { slackApiUrl: slack.url, rejectRateLimitedCalls: true });
    await client.chat.postMessage({ channel: 'C1', text: 'one' });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'two' })).rejects.toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 1 });
    await client.chat.postMessage({ channel: 'C2', text: 'other channel' });
    expect(slack.rateLimited).toHaveLength(1);
  });

  it('looks users up by e-mail and answers users_not_found for strangers', async () => {
    slack = (await startFakeSlack()).allowStandard();
    slack.addUser({ id: 'U0ALICE0001', email: 'alice@example.com', real_name: 'Alice' });
    const client = new WebClient('xoxb-x', { slackApiUrl: slack.url });
    expect((await client.users.lookupByEmail({ email: 'alice@example.com' })).user?.id).toBe('U0ALICE0001');
    await expect(client.users.lookupByEmail({ email: 'bob@example.com' })).rejects.toMatchObject({ data: { error: 'users_not_found' } });
  });
});
