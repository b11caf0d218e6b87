import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../harness/fake-slack';
import { appHomeOpenedEvent, postEvent, postSlashCommand, signSlackRequest } from '../harness/slack-requests';
import { startTestApp, teamId, testEngine, type TestApp } from '../support/app';
import { systemClock } from '../../src/domain/clock';
import pg from 'pg';
import { testDatabaseServer } from '../support/postgres';

describe('the HTTP server with Slack on /slack/events', () => {
  let slack: FakeSlack;
  let app: TestApp;

  beforeEach(async () => {
    slack = await startFakeSlack();
    slack.allowStandard();
    app = await startTestApp({ slackApiUrl: slack.url, clock: systemClock });
  });
  afterEach(async () => {
    await app.stop();
    slack.assertNoUnexpectedCalls();
    await slack.close();
  });

  it('/duty help answers, only to the person who asked, with what dutyloop can do', async () => {
    const res = await postSlashCommand(app.slackTarget, {
      text: 'help',
      user_id: 'U0ASKER0001',
      team_id: teamId,
      response_url: slack.responseUrl('help'),
    });
    expect(res.status).toBe(200);
    const reply = await slack.waitForResponse();
    expect(reply.body.response_type).toBe('ephemeral');
    const text = JSON.stringify(reply.body.blocks);
    expect(text).toContain('/duty help');
    expect(text).toMatch(/support duty/i);
  });

  it('/duty with an unknown subcommand says so and lists what would work, ephemerally', async () => {
    const res = await postSlashCommand(app.slackTarget, {
      text: 'frobnicate',
      user_id: 'U0ASKER0001',
      team_id: teamId,
      response_url: slack.responseUrl('x'),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ response_type: 'ephemeral' });
    expect((res.body as { text: string }).text).toMatch(/don't know `\/duty frobnicate`.*\/duty help/);
  });

  it('opening the App Home tab publishes a home view for that user', async () => {
    const res = await postEvent(app.slackTarget, appHomeOpenedEvent({ user: 'U0VIEWER001' }));
    expect(res.status).toBe(200);
    const published = await slack.waitFor('views.publish');
    expect(published.user_id).toBe('U0VIEWER001');
    expect((published.view as { type: string }).type).toBe('home');
  });

  it('answers url_verification with the challenge', async () => {
    const body = JSON.stringify({ type: 'url_verification', token: 'x', challenge: 'c-123' });
    const res = await fetch(app.slackTarget.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signSlackRequest(app.slackTarget.signingSecret, body) },
      body,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'c-123' });
  });

  it('answers Slack ssl_check with 200', async () => {
    const body = 'ssl_check=1&token=x';
    const res = await fetch(app.slackTarget.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...signSlackRequest(app.slackTarget.signingSecret, body),
      },
      body,
    });
    expect(res.status).toBe(200);
  });

  it('refuses a forged signature, a missing one and a stale timestamp with 401, and does nothing', async () => {
    const body = new URLSearchParams({
      command: '/duty',
      text: 'help',
      user_id: 'U1',
      team_id: teamId,
      response_url: slack.responseUrl('f'),
    }).toString();
    const forged = await fetch(app.slackTarget.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest('wrong-secret', body) },
      body,
    });
    const missing = await fetch(app.slackTarget.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    const stale = await fetch(app.slackTarget.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...signSlackRequest(app.slackTarget.signingSecret, body, Math.floor(Date.now() / 1000) - 6 * 60),
      },
      body,
    });
    expect([forged.status, missing.status, stale.status]).toEqual([401, 401, 401]);
    await new Promise((r) => setTimeout(r, 100));
    expect(slack.responses).toHaveLength(0);
  });

  it('answers a malformed body with 400', async () => {
    const body = 'payload=%7Bnot-json';
    const res = await fetch(app.slackTarget.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...signSlackRequest(app.slackTarget.signingSecret, body),
      },
      body,
    });
    expect(res.status).toBe(400);
  });

  it('a Slack API error while answering is logged and the user still gets a friendly message; the server keeps serving', async () => {
    slack.fail('views.publish', { error: 'internal_error', times: Infinity });
    const res = await postEvent(app.slackTarget, appHomeOpenedEvent({ user: 'U0VIEWER001' }));
    expect(res.status).toBe(200);
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('serves /healthz (checking the database), /metrics in Prometheus format, and JSON 404s', async () => {
    await postSlashCommand(app.slackTarget, {
      text: 'help',
      user_id: 'U1',
      team_id: teamId,
      response_url: slack.responseUrl('m'),
    });
    const health = await fetch(`${app.url}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok', database: testEngine });
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/dutyloop_http_requests_total\{method="POST",route="\/slack\/events",status="200"\} \d+/);
    expect(metrics).toMatch(/dutyloop_http_request_duration_seconds_bucket/);
    const missing = await fetch(`${app.url}/no/such/route`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'not_found' });
  });

  it('healthz reports unhealthy when the database is gone', async () => {
    if (testEngine === 'sqlite') {
      app.db.sqlite.close();
      app.db.close = () => undefined;
    } else {
      // The server takes no new connections to the app's database and drops the app's (all but this test's own).
      const [self] = await app.query<{ db: string; pid: number }>(
        'SELECT current_database() AS db, pg_backend_pid() AS pid',
      );
      const admin = new pg.Client({ connectionString: await testDatabaseServer() });
      await admin.connect();
      try {
        await admin.query(`ALTER DATABASE "${self!.db}" ALLOW_CONNECTIONS false`);
        await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> $2', [
          self!.db,
          self!.pid,
        ]);
      } finally {
        await admin.end();
      }
    }
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'unhealthy', reason: 'database', database: testEngine });
  });
});
