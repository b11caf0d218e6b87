import net from 'node:net';
import { LogLevel, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from './fake-slack';
import { issueTriggerId } from './slack-triggers';

describe('the fake Slack, driven by the real WebClient', () => {
  let slack: FakeSlack;
  afterEach(async () => slack.close());

  it("answers chat.postMessage and chat.update in Slack's wire format and records the arguments", async () => {
    slack = (await startFakeSlack()).allowStandard();
    const client = new WebClient('xoxb-x', { slackApiUrl: slack.url });
    const posted = await client.chat.postMessage({
      channel: 'C1',
      text: 'hello',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }],
    });
    expect(posted).toMatchObject({
      ok: true,
      channel: 'C1',
      ts: expect.stringMatching(/^\d+\.\d{6}$/),
      message: { text: 'hello' },
    });
    await client.chat.update({ channel: 'C1', ts: posted.ts!, text: 'edited' });
    expect(slack.callsTo('chat.postMessage')[0]!.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: 'hi' } },
    ]);
    expect(slack.state.messages[0]!.text).toBe('edited');
  });

  it('a 429 with Retry-After is retried by the WebClient after the wait', async () => {
    slack = (await startFakeSlack()).allowStandard();
    slack.fail('chat.postMessage', { status: 429, retryAfter: 1 });
    const client = new WebClient('xoxb-x', {
      slackApiUrl: slack.url,
      retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 50 },
    });
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
    await expect(client.usergroups.users.update({ usergroup: 'S1', users: 'U1' })).rejects.toMatchObject({
      code: 'slack_webapi_platform_error',
      data: { error: 'permission_denied' },
    });
  });

  it('a method the test did not allow is reported, so the test fails', async () => {
    slack = await startFakeSlack();
    slack.allow('auth.test').expectRefusal('unknown_method');
    const client = new WebClient('xoxb-x', { slackApiUrl: slack.url });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({
      data: { error: 'unknown_method' },
    });
    expect(() => slack.assertNoUnexpectedCalls()).toThrow(/chat\.postMessage/);
  });

  it('enforces one message per second per channel when asked, like Slack', async () => {
    slack = (await startFakeSlack({ channelRateLimitPerSecond: 1 })).allowStandard();
    const client = new WebClient('xoxb-x', { slackApiUrl: slack.url, rejectRateLimitedCalls: true });
    await client.chat.postMessage({ channel: 'C1', text: 'one' });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'two' })).rejects.toMatchObject({
      code: 'slack_webapi_rate_limited_error',
      retryAfter: 1,
    });
    await client.chat.postMessage({ channel: 'C2', text: 'other channel' });
    expect(slack.rateLimited).toHaveLength(1);
  });

  it('a client that goes away mid-request is dropped, as Slack drops it; the fake keeps serving', async () => {
    slack = (await startFakeSlack()).allowStandard();
    const unhandled: unknown[] = [];
    const record = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', record);
    try {
      const { port } = new URL(slack.url);
      // A replica killed while it posts: half a body, then the connection is gone.
      await new Promise<void>((resolve) => {
        const sock = net.connect(Number(port), '127.0.0.1', () => {
          sock.write('POST /api/chat.postMessage HTTP/1.1\r\nHost: slack\r\nContent-Length: 200\r\n\r\nchannel=C1');
          setTimeout(() => sock.destroy(), 20);
        });
        sock.on('close', () => resolve());
      });
      await new Promise((r) => setTimeout(r, 50));
      const client = new WebClient('xoxb-x', { slackApiUrl: slack.url });
      expect((await client.chat.postMessage({ channel: 'C1', text: 'still here' })).ok).toBe(true);
      expect(unhandled).toEqual([]);
      expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    } finally {
      process.off('unhandledRejection', record);
    }
  });

  it('looks users up by e-mail and answers users_not_found for strangers', async () => {
    slack = (await startFakeSlack()).allowStandard();
    slack.addUser({ id: 'U0ALICE0001', email: 'alice@example.com', real_name: 'Alice' });
    const client = new WebClient('xoxb-x', { slackApiUrl: slack.url });
    expect((await client.users.lookupByEmail({ email: 'alice@example.com' })).user?.id).toBe('U0ALICE0001');
    await expect(client.users.lookupByEmail({ email: 'bob@example.com' })).rejects.toMatchObject({
      data: { error: 'users_not_found' },
    });
  });
});

const quietLogger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  setLevel() {},
  getLevel: () => LogLevel.ERROR,
  setName() {},
};

describe('the fake Slack refuses what Slack refuses', () => {
  let slack: FakeSlack;
  let client: WebClient;
  const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
  const button = (extra: Record<string, unknown> = {}) => ({
    type: 'button',
    text: { type: 'plain_text', text: 'Claim' },
    action_id: 'claim',
    value: '1',
    ...extra,
  });
  const refused = (error: string, extra: Record<string, unknown> = {}) => ({
    code: 'slack_webapi_platform_error',
    data: { ok: false, error, ...extra },
  });
  beforeEach(async () => {
    slack = (await startFakeSlack({ strict: true })).allowStandard();
    // Quiet: the client writes Slack's explanation of every refusal to stderr, and refusals are what these tests provoke.
    client = new WebClient('xoxb-test', {
      slackApiUrl: slack.url,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logger: quietLogger,
    });
  });
  afterEach(async () => slack.close());

  it("a section over 3,000 characters is invalid_blocks, with Slack's pointer to the text", async () => {
    slack.expectRefusal('invalid_blocks');
    await expect(
      client.chat.postMessage({ channel: 'C1', text: 'x', blocks: [section('a'.repeat(3001))] }),
    ).rejects.toMatchObject(
      refused('invalid_blocks', {
        response_metadata: {
          messages: ['[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]'],
        },
      }),
    );
    await client.chat.postMessage({ channel: 'C1', text: 'x', blocks: [section('a'.repeat(3000))] });
    expect(slack.state.messages).toHaveLength(1);
  });

  it.each([
    ['a header in mrkdwn', [{ type: 'header', text: { type: 'mrkdwn', text: 'Hi' } }], '/blocks/0/text/type'],
    [
      'a header of 151 characters',
      [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }],
      '/blocks/0/text/text',
    ],
    [
      'a button text of 76 characters',
      [{ type: 'actions', elements: [button({ text: { type: 'plain_text', text: 'b'.repeat(76) } })] }],
      '/blocks/0/elements/0/text/text',
    ],
    [
      'a button in mrkdwn',
      [{ type: 'actions', elements: [button({ text: { type: 'mrkdwn', text: 'b' } })] }],
      '/blocks/0/elements/0/text/type',
    ],
    [
      'a button value of 2,001 characters',
      [{ type: 'actions', elements: [button({ value: 'v'.repeat(2001) })] }],
      '/blocks/0/elements/0/value',
    ],
    [
      'an action_id of 256 characters',
      [{ type: 'actions', elements: [button({ action_id: 'a'.repeat(256) })] }],
      '/blocks/0/elements/0/action_id',
    ],
    ['a block_id of 256 characters', [{ ...section('x'), block_id: 'b'.repeat(256) }], '/blocks/0/block_id'],
    [
      '26 elements in actions',
      [{ type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button({ action_id: `a${i}` })) }],
      '/blocks/0/elements',
    ],
    [
      '11 elements in a context',
      [{ type: 'context', elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'c' })) }],
      '/blocks/0/elements',
    ],
    ['51 blocks', Array.from({ length: 51 }, () => ({ type: 'divider' })), '/blocks'],
    ['an unknown block type', [{ type: 'paragraph', text: 'x' }], '/blocks/0/type'],
    [
      'an unknown element type',
      [{ type: 'actions', elements: [{ type: 'link_button', action_id: 'x' }] }],
      '/blocks/0/elements/0/type',
    ],
    ['an empty mrkdwn text', [section('')], '/blocks/0/text/text'],
    [
      '101 options in a select',
      [
        {
          type: 'actions',
          elements: [
            {
              type: 'static_select',
              action_id: 's',
              options: Array.from({ length: 101 }, (_, i) => ({
                text: { type: 'plain_text', text: `o${i}` },
                value: `${i}`,
              })),
            },
          ],
        },
      ],
      '/blocks/0/elements/0/options',
    ],
    [
      'an option value of 151 characters',
      [
        {
          type: 'actions',
          elements: [
            {
              type: 'static_select',
              action_id: 's',
              options: [{ text: { type: 'plain_text', text: 'o' }, value: 'v'.repeat(151) }],
            },
          ],
        },
      ],
      '/blocks/0/elements/0/options/0/value',
    ],
    [
      "a button as an input block's element",
      [{ type: 'input', label: { type: 'plain_text', text: 'L' }, element: button() }],
      '/blocks/0/element/type',
    ],
    [
      'an option text of 76 characters',
      [
        {
          type: 'actions',
          elements: [
            {
              type: 'static_select',
              action_id: 's',
              options: [{ text: { type: 'plain_text', text: 'o'.repeat(76) }, value: 'v' }],
            },
          ],
        },
      ],
      '/blocks/0/elements/0/options/0/text/text',
    ],
  ])('%s is refused with invalid_blocks', async (_name, blocks, pointer) => {
    slack.expectRefusal('invalid_blocks');
    const err = await client.chat
      .postMessage({ channel: 'C1', text: 'x', blocks: blocks as never })
      .catch((e: { data: { error: string; response_metadata: { messages: string[] } } }) => e);
    expect(err).toMatchObject(refused('invalid_blocks'));
    expect(
      (err as { data: { response_metadata: { messages: string[] } } }).data.response_metadata.messages.join('\n'),
    ).toContain(`[json-pointer:${pointer}]`);
    expect(slack.state.messages).toHaveLength(0);
  });

  it('chat.update and chat.postEphemeral are checked too', async () => {
    slack.expectRefusal('invalid_blocks');
    const posted = await client.chat.postMessage({ channel: 'C1', text: 'x', blocks: [section('ok')] });
    await expect(
      client.chat.update({ channel: 'C1', ts: posted.ts!, text: 'x', blocks: [section('')] as never }),
    ).rejects.toMatchObject(refused('invalid_blocks'));
    await expect(
      client.chat.postEphemeral({
        channel: 'C1',
        user: 'U1',
        text: 'x',
        blocks: [{ type: 'header', text: { type: 'mrkdwn', text: 'x' } }] as never,
      }),
    ).rejects.toMatchObject(refused('invalid_blocks'));
    expect(slack.state.messages[0]!.blocks).toEqual([section('ok')]);
  });

  it('a modal title over 24 characters, or 101 blocks in a view, is invalid_arguments', async () => {
    slack.expectRefusal('invalid_arguments');
    const modal = (title: string, blocks: unknown[] = []) => ({
      type: 'modal' as const,
      title: { type: 'plain_text' as const, text: title },
      blocks: blocks as never,
    });
    await expect(client.views.open({ trigger_id: 't', view: modal('t'.repeat(25)) })).rejects.toMatchObject(
      refused('invalid_arguments', {
        response_metadata: { messages: ['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]'] },
      }),
    );
    await expect(
      client.views.publish({
        user_id: 'U1',
        view: { type: 'home', blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) },
      }),
    ).rejects.toMatchObject(
      refused('invalid_arguments', {
        response_metadata: { messages: ['[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]'] },
      }),
    );
    const submit = { type: 'plain_text' as const, text: 's'.repeat(25) };
    await expect(client.views.update({ view_id: 'V1', view: { ...modal('ok'), submit } })).rejects.toMatchObject(
      refused('invalid_arguments'),
    );
    await expect(
      client.views.open({
        trigger_id: 't',
        view: modal(
          'Twenty-four characters!!',
          Array.from({ length: 100 }, () => ({ type: 'divider' })),
        ),
      }),
    ).resolves.toMatchObject({ ok: true });
  });

  it('reads the bot scopes from config/slack-manifest.yaml and refuses a method the manifest does not grant with missing_scope', async () => {
    expect(slack.scopes).toEqual(expect.arrayContaining(['chat:write', 'usergroups:write', 'channels:join']));
    slack.scopes = slack.scopes.filter((s) => s !== 'usergroups:write');
    slack.expectRefusal('missing_scope');
    await expect(client.usergroups.users.update({ usergroup: 'S1', users: 'U1' })).rejects.toMatchObject(
      refused('missing_scope', { needed: 'usergroups:write', provided: expect.stringContaining('chat:write') }),
    );
    expect(slack.refusals).toEqual([
      expect.objectContaining({ method: 'usergroups.users.update', error: 'missing_scope' }),
    ]);
  });

  it("every answer names the token's scopes, as Slack does (x-oauth-scopes)", async () => {
    const auth = await client.auth.test();
    expect(auth.response_metadata?.scopes).toEqual(slack.scopes);
  });

  it('a channel the bot was not invited to: posting to a public one works with chat:write.public, the topic and history answer not_in_channel, join fixes it', async () => {
    slack.setChannel('C0OUTSIDE01', { member: false, kind: 'public' }).expectRefusal('not_in_channel');
    await expect(client.chat.postMessage({ channel: 'C0OUTSIDE01', text: 'hi' })).resolves.toMatchObject({ ok: true });
    await expect(client.conversations.setTopic({ channel: 'C0OUTSIDE01', topic: 't' })).rejects.toMatchObject(
      refused('not_in_channel'),
    );
    await expect(client.conversations.history({ channel: 'C0OUTSIDE01' })).rejects.toMatchObject(
      refused('not_in_channel'),
    );
    expect((await client.conversations.info({ channel: 'C0OUTSIDE01' })).channel).toMatchObject({
      is_member: false,
      is_private: false,
    });
    await client.conversations.join({ channel: 'C0OUTSIDE01' });
    await expect(client.conversations.setTopic({ channel: 'C0OUTSIDE01', topic: 't' })).resolves.toMatchObject({
      ok: true,
    });
  });

  it('without chat:write.public, posting where the bot is not is not_in_channel; a private channel it is not in does not exist for it', async () => {
    slack.scopes = slack.scopes.filter((s) => s !== 'chat:write.public');
    slack
      .setChannel('C0OUTSIDE01', { member: false })
      .setChannel('C0SECRET001', { member: false, kind: 'private' })
      .expectRefusal('not_in_channel', 'channel_not_found', 'method_not_supported_for_channel_type');
    await expect(client.chat.postMessage({ channel: 'C0OUTSIDE01', text: 'hi' })).rejects.toMatchObject(
      refused('not_in_channel'),
    );
    await expect(client.chat.postMessage({ channel: 'C0SECRET001', text: 'hi' })).rejects.toMatchObject(
      refused('channel_not_found'),
    );
    await expect(client.conversations.join({ channel: 'C0SECRET001' })).rejects.toMatchObject(
      refused('method_not_supported_for_channel_type'),
    );
    await expect(client.chat.postMessage({ channel: 'C0NOWHERE01', text: 'hi' })).rejects.toMatchObject(
      refused('channel_not_found'),
    );
    await expect(client.chat.postMessage({ channel: 'U0ALICE0001', text: 'a DM' })).resolves.toMatchObject({
      ok: true,
    });
    expect(slack.state.messages).toHaveLength(1);
  });

  it('an empty users list to usergroups.users.update is invalid_arguments (a user group cannot be emptied)', async () => {
    slack.expectRefusal('invalid_arguments');
    await expect(client.usergroups.users.update({ usergroup: 'S1', users: '' })).rejects.toMatchObject(
      refused('invalid_arguments'),
    );
  });

  it('conversations.history returns message metadata only with include_all_metadata', async () => {
    const metadata = { event_type: 'dutyloop_outbox', event_payload: { key: 'k1' } };
    await client.chat.postMessage({ channel: 'C1', text: 'x', metadata });
    expect((await client.conversations.history({ channel: 'C1' })).messages?.[0]).not.toHaveProperty('metadata');
    expect(
      (await client.conversations.history({ channel: 'C1', include_all_metadata: true })).messages?.[0],
    ).toMatchObject({ metadata });
  });

  it("a trigger_id older than 3 seconds on the fake's clock is expired_trigger_id", async () => {
    const modal = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'Ticket' }, blocks: [] };
    await expect(client.views.open({ trigger_id: issueTriggerId(), view: modal })).resolves.toMatchObject({ ok: true });
    const old = issueTriggerId();
    slack.advanceClock(3001).expectRefusal('expired_trigger_id');
    await expect(client.views.open({ trigger_id: old, view: modal })).rejects.toMatchObject(
      refused('expired_trigger_id'),
    );
  });

  it('a method over its tier answers 429 with Retry-After until the minute has passed', async () => {
    for (let i = 0; i < 20; i += 1) await client.usergroups.users.update({ usergroup: 'S1', users: 'U1' });
    await expect(client.usergroups.users.update({ usergroup: 'S1', users: 'U1' })).rejects.toMatchObject({
      code: 'slack_webapi_rate_limited_error',
      retryAfter: 60,
    });
    for (let i = 0; i < 50; i += 1)
      await client.chat.update({ channel: 'C1', ts: '1', text: 'x' }).catch(() => undefined);
    await expect(client.chat.update({ channel: 'C1', ts: '1', text: 'x' })).rejects.toMatchObject({
      code: 'slack_webapi_rate_limited_error',
    });
    slack.advanceClock(60_001).expectRefusal('message_not_found');
    await expect(client.usergroups.users.update({ usergroup: 'S1', users: 'U1' })).resolves.toMatchObject({ ok: true });
  });

  it('an undeclared refusal or unknown method is a violation the global afterEach fails the test with; a declared one is not', async () => {
    slack.expectRefusal('not_in_channel');
    slack.setChannel('C0OUTSIDE01', { member: false });
    await client.conversations.setTopic({ channel: 'C0OUTSIDE01', topic: 't' }).catch(() => undefined);
    await client.apiCall('chat.scheduleMessage', { channel: 'C1', text: 'x', post_at: 1 }).catch(() => undefined);
    await client.chat.postMessage({ channel: 'C0NOWHERE01', text: 'x' }).catch(() => undefined);
    expect(slack.drainViolations()).toEqual([
      'fake Slack refused chat.scheduleMessage with unknown_method',
      'fake Slack refused chat.postMessage with channel_not_found',
    ]);
    expect(slack.drainViolations()).toEqual([]);
  });
});
