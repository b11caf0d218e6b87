import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isValidSlackRequest } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack } from './fake-slack';
import {
  appHomeOpenedEvent,
  messageEvent,
  postBlockAction,
  postEvent,
  postSlashCommand,
  postViewClosed,
  postViewSubmission,
  reactionAddedEvent,
} from './slack-requests';
import { postGitHubWebhook, postLinearWebhook, signGitHubWebhook } from './webhook-requests';

/**
 * A stand-in receiver that checks each request with Bolt's own signature check
 * and echoes what it parsed, so the builders are proven against Slack's rules.
 */
const secret = 'signing-secret';
let server: http.Server;
let url = '';
const seen: { headers: http.IncomingHttpHeaders; raw: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      seen.push({ headers: req.headers, raw });
      const valid = isValidSlackRequest({
        signingSecret: secret,
        body: raw,
        headers: {
          'x-slack-signature': String(req.headers['x-slack-signature'] ?? ''),
          'x-slack-request-timestamp': Number(req.headers['x-slack-request-timestamp']),
        },
      });
      const form = new URLSearchParams(raw);
      const parsed = req.headers['content-type']?.includes('json')
        ? JSON.parse(raw)
        : form.has('payload')
          ? JSON.parse(form.get('payload')!)
          : Object.fromEntries(form);
      res.writeHead(valid ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ valid, parsed, retryNum: req.headers['x-slack-retry-num'] ?? null }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('signed Slack requests', () => {
  it("a slash command is form-encoded and passes Bolt's signature check; a stale or forged one does not", async () => {
    const target = { url, signingSecret: secret };
    const ok = await postSlashCommand(target, { text: 'schedule', user_id: 'U0ALICE' });
    expect(ok).toMatchObject({
      status: 200,
      body: {
        valid: true,
        parsed: { command: '/duty', text: 'schedule', user_id: 'U0ALICE', trigger_id: expect.any(String) },
      },
    });
    expect(seen.at(-1)!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(
      (await postSlashCommand(target, { text: '' }, { timestamp: Math.floor(Date.now() / 1000) - 301 })).status,
    ).toBe(401);
    expect((await postSlashCommand(target, { text: '' }, { secret: 'guess' })).status).toBe(401);
    expect((await postSlashCommand(target, { text: '' }, { signature: 'v0=00' })).status).toBe(401);
  });

  it('an event arrives in an event_callback envelope with retry headers when asked', async () => {
    const event = messageEvent({ channel: 'C0SUPPORT', user: 'U0CUSTOMER', text: 'export is broken' });
    const res = await postEvent({ url, signingSecret: secret }, event, { retryNum: 2 });
    expect(res.body).toMatchObject({
      valid: true,
      retryNum: '2',
      parsed: {
        type: 'event_callback',
        event_id: expect.stringMatching(/^Ev/),
        team_id: 'T0TESTTEAM',
        event: { type: 'message', text: 'export is broken', ts: expect.stringMatching(/^\d+\.\d+$/) },
      },
    });
    expect(seen.at(-1)!.headers['x-slack-retry-reason']).toBe('http_timeout');
    expect(reactionAddedEvent({ user: 'U1', reaction: 'ticket', channel: 'C1', ts: '1.2' })).toMatchObject({
      type: 'reaction_added',
      item: { type: 'message', channel: 'C1', ts: '1.2' },
    });
    expect(appHomeOpenedEvent({ user: 'U1' })).toMatchObject({ type: 'app_home_opened', tab: 'home', user: 'U1' });
  });

  it('interactivity payloads carry the fixture shapes with our values', async () => {
    const target = { url, signingSecret: secret };
    const click = await postBlockAction(target, {
      action_id: 'ticket_claim',
      value: 't-1',
      message_ts: '1700000000.000100',
    });
    expect(click.body).toMatchObject({
      valid: true,
      parsed: {
        type: 'block_actions',
        actions: [{ action_id: 'ticket_claim', value: 't-1' }],
        container: { message_ts: '1700000000.000100' },
      },
    });
    const submit = await postViewSubmission(target, {
      callback_id: 'resolve',
      values: { note: { note: { type: 'plain_text_input', value: 'fixed' } } },
    });
    expect(submit.body).toMatchObject({
      valid: true,
      parsed: {
        type: 'view_submission',
        view: { callback_id: 'resolve', state: { values: { note: { note: { value: 'fixed' } } } } },
      },
    });
    expect((await postViewClosed(target, { callback_id: 'resolve' })).body).toMatchObject({
      valid: true,
      parsed: { type: 'view_closed' },
    });
  });
});

describe('response_url and webhooks', () => {
  it('posts to a fake Slack response_url are recorded and awaited', async () => {
    const slack = await startFakeSlack();
    try {
      await fetch(slack.responseUrl('cmd-1'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'on duty: Payments' }),
      });
      expect(await slack.waitForResponse((r) => r.id === 'cmd-1')).toMatchObject({
        body: { text: 'on duty: Payments' },
      });
      // A failure that lasts: every call is refused until the test changes its mind.
      slack.allow('chat.postMessage').fail('chat.postMessage', { error: 'channel_not_found', times: Infinity });
      const web = new WebClient('xoxb-test', { slackApiUrl: slack.url });
      for (let i = 0; i < 2; i++)
        await expect(web.chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({
          data: { error: 'channel_not_found' },
        });
      expect(slack.calls.every((c) => c.token === 'xoxb-test')).toBe(true);
    } finally {
      await slack.close();
    }
  });

  it("GitHub and Linear deliveries carry the vendors' signatures and headers", async () => {
    const base = url.replace('/slack/events', '');
    await postGitHubWebhook(`${base}/webhooks/github`, 'gh-secret', 'issues', { action: 'closed' }, 'd-1');
    const gh = seen.at(-1)!;
    expect(gh.headers).toMatchObject({
      'x-github-event': 'issues',
      'x-github-delivery': 'd-1',
      ...signGitHubWebhook('gh-secret', gh.raw),
    });
    await postLinearWebhook(base, 'ln-secret', { action: 'update', type: 'Issue', data: {} });
    const ln = seen.at(-1)!;
    expect(ln.headers['linear-signature']).toBe(createHmac('sha256', 'ln-secret').update(ln.raw).digest('hex'));
    expect(ln.headers['linear-event']).toBe('Issue');
    expect(Math.abs(JSON.parse(ln.raw).webhookTimestamp - Date.now())).toBeLessThan(5000);
  });
});
