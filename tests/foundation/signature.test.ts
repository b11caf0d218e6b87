import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { verifySlackSignature } from '../../src/adapters/slack/signature';
import { githubSecret, linearSecret, startFeedbackWorld, type FeedbackWorld } from '../feedback/support/feedback-app';
import { signingSecret } from '../support/app';
import { signSlackRequest } from '../harness/slack-requests';
import { postGitHubWebhook, postLinearWebhook, signGitHubWebhook } from '../harness/webhook-requests';

const secret = 's3cret';
const sign = (ts: string, body: string) =>
  `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;

describe('Slack request signature', () => {
  const now = 1_700_000_000_000;
  const ts = String(now / 1000);

  it('accepts a request signed with the signing secret', () => {
    expect(
      verifySlackSignature({
        signingSecret: secret,
        signature: sign(ts, 'a=b'),
        timestamp: ts,
        rawBody: 'a=b',
        nowMs: now,
      }),
    ).toEqual({ ok: true });
  });

  it('refuses a body that was changed after signing', () => {
    expect(
      verifySlackSignature({
        signingSecret: secret,
        signature: sign(ts, 'a=b'),
        timestamp: ts,
        rawBody: 'a=c',
        nowMs: now,
      }).ok,
    ).toBe(false);
  });

  it('refuses a request older than five minutes, even correctly signed', () => {
    const old = String(now / 1000 - 301);
    expect(
      verifySlackSignature({
        signingSecret: secret,
        signature: sign(old, 'x'),
        timestamp: old,
        rawBody: 'x',
        nowMs: now,
      }),
    ).toEqual({ ok: false, reason: 'stale timestamp' });
  });

  it('refuses missing headers and a truncated signature', () => {
    expect(
      verifySlackSignature({ signingSecret: secret, signature: undefined, timestamp: ts, rawBody: 'x', nowMs: now }).ok,
    ).toBe(false);
    expect(
      verifySlackSignature({
        signingSecret: secret,
        signature: sign(ts, 'x').slice(0, 20),
        timestamp: ts,
        rawBody: 'x',
        nowMs: now,
      }).ok,
    ).toBe(false);
  });
});

describe("signed requests on the three routes, at the server's clock", () => {
  // Months before the machine's clock: a check that read the wall clock would refuse the good ones.
  const at = '2026-03-29T01:30:00Z';
  let w: FeedbackWorld | undefined;
  afterEach(async () => {
    await w?.stop();
    w = undefined;
  });

  const deliveries = async (world: FeedbackWorld) =>
    (await world.app.query<{ n: number }>('SELECT count(*) AS n FROM processed_deliveries'))[0]!.n;

  it('POST /slack/events refuses a forged signature and a stale or future timestamp, and answers a good one', async () => {
    w = await startFeedbackWorld({ now: at });
    const body = JSON.stringify({ type: 'url_verification', token: 'x', challenge: 'ch-1' });
    const nowS = Math.floor(w.clock.now().getTime() / 1000);
    const send = (secret: string, ts: number) =>
      fetch(w!.app.slackTarget.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signSlackRequest(secret, body, ts) },
        body,
      });
    const forged = await send('wrong-secret', nowS);
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ error: 'invalid_signature', reason: 'signature mismatch' });
    expect((await send(signingSecret, nowS - 6 * 60)).status).toBe(401);
    expect((await send(signingSecret, Math.floor(Date.now() / 1000))).status).toBe(401);
    const good = await send(signingSecret, nowS);
    expect(good.status).toBe(200);
    expect(await good.json()).toEqual({ challenge: 'ch-1' });
  });

  it('POST /webhooks/github refuses a forged signature and a changed body, and records nothing', async () => {
    w = await startFeedbackWorld({ now: at });
    const payload = {
      action: 'closed',
      issue: {
        number: 1,
        title: 'T',
        html_url: 'https://github.com/acme/app/issues/1',
        state: 'closed',
        state_reason: 'completed',
      },
      repository: { full_name: 'acme/app', private: false },
    };
    expect((await postGitHubWebhook(w.app.url, 'wrong-secret', 'issues', payload, 'gd-1')).status).toBe(401);
    const body = JSON.stringify(payload);
    const changed = await fetch(`${w.app.url}/webhooks/github`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'issues',
        'x-github-delivery': 'gd-2',
        ...signGitHubWebhook(githubSecret, body),
      },
      body: body.replace('"closed"', '"reopened"'),
    });
    expect(changed.status).toBe(401);
    expect(await deliveries(w)).toBe(0);
    expect((await postGitHubWebhook(w.app.url, githubSecret, 'issues', payload, 'gd-3')).status).toBe(200);
    expect(await deliveries(w)).toBe(1);
  });

  it("POST /webhooks/linear refuses a forged signature and a delivery stamped over 60 s from the server's now", async () => {
    w = await startFeedbackWorld({ now: at });
    const now = w.clock.now().getTime();
    const lin = w.ln.addIssue('ENG', 'Dark mode resets');
    const payload = (ts: number) => ({
      action: 'update',
      type: 'Issue',
      webhookTimestamp: ts,
      data: { ...lin, state: { type: 'started', name: 'In Progress' }, team: { key: 'ENG' } },
    });
    const forged = await postLinearWebhook(w.app.url, 'wrong-secret', payload(now), 'ld-1');
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ message: 'Missing or invalid signature' });
    expect((await postLinearWebhook(w.app.url, linearSecret, payload(now - 61_000), 'ld-2')).status).toBe(401);
    // Fresh by the machine's clock, months away from the server's: refused.
    const wall = await postLinearWebhook(w.app.url, linearSecret, payload(Date.now()), 'ld-3');
    expect(wall.status).toBe(401);
    expect(await wall.json()).toMatchObject({ message: 'webhookTimestamp is more than 60 s away' });
    expect(await deliveries(w)).toBe(0);
    expect((await postLinearWebhook(w.app.url, linearSecret, payload(now - 30_000), 'ld-4')).status).toBe(200);
    expect(await deliveries(w)).toBe(1);
  });
});
