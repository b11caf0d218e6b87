import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { ManualClock } from '../../src/domain/clock';
import { postGitHubWebhook } from '../harness/webhook-requests';
import { startFakeSlack, type FakeSlack } from '../harness/fake-slack';
import { startTestApp, teamId, type TestApp } from '../support/app';

/** The value of one sample of GET /metrics, or undefined when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const inBraces = /\{(.*)\}/.exec(line)?.[1] ?? '';
    const has = Object.entries(labels).every(([k, v]) => inBraces.includes(`${k}="${v}"`));
    if (has) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('what /metrics tells an operator about dutyloop’s own work', () => {
  let slack: FakeSlack;
  let app: TestApp;
  let clock: ManualClock;

  beforeEach(async () => {
    slack = await startFakeSlack();
    slack.allowStandard();
    clock = new ManualClock(Date.parse('2026-11-24T09:00:00Z'));
    app = await startTestApp({
      slackApiUrl: slack.url,
      clock,
      background: false,
      slackChannelIntervalMs: 0,
      env: { GITHUB_WEBHOOK_SECRET: 'gh-webhook-secret' },
    });
  });
  afterEach(async () => {
    await app.stop();
    await slack.close();
  });

  const metrics = async () => (await fetch(`${app.url}/metrics`)).text();
  const queuePost = (text: string) =>
    app.rt.ctx.repos.outbox.enqueue(
      teamId,
      {
        kind: 'slack.call',
        lane: 'slack:post:C0DUTY00001',
        payload: { method: 'chat.postMessage', args: { channel: 'C0DUTY00001', text } },
      },
      clock.now().getTime(),
    );

  it('shows the outbox depth and the age of its oldest write by lane kind, and empties when they are sent', async () => {
    await queuePost('first');
    clock.advance(7 * 60_000);
    await queuePost('second');
    let text = await metrics();
    expect(sample(text, 'dutyloop_outbox_pending', { lane_kind: 'slack:post' })).toBe(2);
    expect(sample(text, 'dutyloop_outbox_oldest_pending_age_seconds', { lane_kind: 'slack:post' })).toBe(420);

    app.rt.outbox.start();
    await app.rt.outbox.idle();
    await new Promise((r) => setTimeout(r, 1100)); // the scrape snapshot lives a second
    text = await metrics();
    expect(sample(text, 'dutyloop_outbox_pending', { lane_kind: 'slack:post' })).toBeUndefined();
  });

  it('counts webhook deliveries by source and result: applied, duplicate, ignored and refused', async () => {
    const closed = JSON.parse(
      fs.readFileSync(new URL('../fixtures/github/webhooks/issues/opened.json', import.meta.url), 'utf8'),
    );
    closed.action = 'closed';
    const delivery = '00000000-0000-4000-8000-00000000aaaa';
    expect((await postGitHubWebhook(app.url, 'gh-webhook-secret', 'issues', closed, delivery)).status).toBe(200);
    expect((await postGitHubWebhook(app.url, 'gh-webhook-secret', 'issues', closed, delivery)).status).toBe(200);
    expect((await postGitHubWebhook(app.url, 'gh-webhook-secret', 'star', { action: 'created' })).status).toBe(204);
    expect((await postGitHubWebhook(app.url, 'a-forged-secret', 'issues', closed)).status).toBe(401);
    const text = await metrics();
    const deliveries = (result: string) =>
      sample(text, 'dutyloop_webhook_deliveries_total', { source: 'github', result });
    expect([deliveries('applied'), deliveries('duplicate'), deliveries('ignored'), deliveries('refused')]).toEqual([
      1, 1, 1, 1,
    ]);
  });

  it('counts calls to Slack by method and outcome: ok, and 429 when Slack rate-limits', async () => {
    slack.fail('chat.postMessage', { status: 429, retryAfter: 1 });
    await queuePost('limited, then sent');
    app.rt.outbox.start();
    await app.rt.outbox.idle();
    clock.advance(2_000);
    app.rt.outbox.kick();
    await app.rt.outbox.idle();
    const text = await metrics();
    const calls = { service: 'slack', method: 'chat.postMessage' };
    expect(sample(text, 'dutyloop_outbound_calls_total', { ...calls, outcome: '429' })).toBe(1);
    expect(sample(text, 'dutyloop_outbound_calls_total', { ...calls, outcome: 'ok' })).toBe(1);
    // Slack saw both attempts: the one it limited and the one it took.
    expect(slack.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('counts scheduled job runs and failures, and says this process leads the scheduler', async () => {
    const job = app.rt.scheduler.list()[0]!;
    await app.rt.scheduler.runNow(job.name);
    const text = await metrics();
    expect(sample(text, 'dutyloop_job_runs_total', { job: job.name, result: 'ok' })).toBe(1);
    expect(sample(text, 'dutyloop_scheduler_leader')).toBe(1);
    // Every family of dutyloop's own has its HELP and TYPE, as promtool wants.
    for (const family of [
      'dutyloop_outbox_pending',
      'dutyloop_outbox_oldest_pending_age_seconds',
      'dutyloop_outbound_calls_total',
      'dutyloop_job_runs_total',
      'dutyloop_scheduler_leader',
      'dutyloop_webhook_deliveries_total',
      'dutyloop_tickets_created_total',
    ]) {
      expect(text).toMatch(new RegExp(`^# HELP ${family} \\S`, 'm'));
      expect(text).toMatch(new RegExp(`^# TYPE ${family} (counter|gauge)$`, 'm'));
    }
  });
});
