import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/adapters/logger';
import { ManualClock } from '../../src/domain/clock';
import { linkTicketToIssue } from '../../src/services/feedback/link-ticket';
import { createApiToken } from '../../src/services/tickets/create-api-token';
import { WebClient } from '@slack/web-api';
import { GitHubTracker } from '../../src/adapters/github/github-client';
import { LinearTracker } from '../../src/adapters/linear/linear-client';
import { startFakeGitHub } from '../harness/fake-github';
import { startFakeLinear } from '../harness/fake-linear';
import { startFakeSlack, type FakeSlack } from '../harness/fake-slack';
import { refusedPort, startBrokenNetwork, type BrokenNetwork } from '../harness/reset-server';
import {
  appHomeOpenedEvent,
  postBlockAction,
  postEvent,
  postMessageShortcut,
  postSlashCommand,
} from '../harness/slack-requests';
import { startTestApp, type TestApp } from '../support/app';

// Distinctive values, so a single hit anywhere in the log is unmistakable.
const secrets = {
  botToken: 'xoxb-BOTSECRET-7f3a91c4',
  appToken: 'xapp-APPSECRET-51c2e8aa',
  signingSecret: 'SIGNSECRET-9be4d07a',
  clientSecret: 'CLIENTSECRET-2d7c61f3',
  githubToken: 'ghp_GHSECRET83a1f0c2',
  linearKey: 'lin_api_LINSECRET4e2b9d',
  githubWebhook: 'GHHOOKSECRET-11aa22bb',
  linearWebhook: 'LINHOOKSECRET-33cc44dd',
  metricsToken: 'METRICSSECRET-55ee66ff',
};
const people = ['U0LEAD00001', 'U0DEV000001', 'U0ALICE0001'];
const file = {
  dutyChannel: 'C0DUTY00001',
  userGroup: 'S0SUPPORT01',
  intake: { channels: ['C0INTAKE001'] },
  rotation: { periodDays: 14, handoff: { weekday: 'monday', time: '10:00' }, anchor: '2026-01-05', headsUp: true },
  teams: [{ name: 'Otters', lead: 'U0LEAD00001', members: ['U0LEAD00001', 'U0DEV000001'] }],
  feedback: { productChannel: 'C0PRODUCT01', github: { repos: ['acme/app'] }, linear: { teams: ['ENG'] } },
};

interface World {
  slack: FakeSlack;
  slackNet: BrokenNetwork;
  trackerNet: BrokenNetwork;
  app?: TestApp;
  lines: string[];
  clock: ManualClock;
}
let w: World | undefined;
afterEach(async () => {
  if (!w) return;
  await w.app?.stop();
  await Promise.all([w.slackNet.close(), w.trackerNet.close(), w.slack.close()]);
  w = undefined;
});

/** Fake Slack behind a network that forwards until the test breaks it; trackers behind one that resets and a refused port. */
async function startWorld(env: Record<string, string> = {}): Promise<World & { app: TestApp }> {
  const slack = (await startFakeSlack()).allowStandard();
  for (const id of people) slack.addUser({ id, name: id.toLowerCase(), real_name: id });
  const slackNet = await startBrokenNetwork({
    mode: 'forward',
    forwardTo: { host: '127.0.0.1', port: Number(new URL(slack.origin).port) },
  });
  const trackerNet = await startBrokenNetwork({ mode: 'reset' });
  const lines: string[] = [];
  const clock = new ManualClock(Date.now());
  w = { slack, slackNet, trackerNet, lines, clock };
  w.app = await startTestApp({
    slackApiUrl: `${slackNet.origin}/api/`,
    clock,
    background: false,
    log: createLogger('trace', { write: (l: string) => void lines.push(l) }),
    file,
    env: {
      SLACK_BOT_TOKEN: secrets.botToken,
      SLACK_SIGNING_SECRET: secrets.signingSecret,
      SLACK_CLIENT_ID: '1234567890.987654321',
      SLACK_CLIENT_SECRET: secrets.clientSecret,
      GITHUB_TOKEN: secrets.githubToken,
      GITHUB_API_URL: trackerNet.origin,
      GITHUB_WEBHOOK_SECRET: secrets.githubWebhook,
      LINEAR_API_KEY: secrets.linearKey,
      LINEAR_API_URL: `http://127.0.0.1:${await refusedPort()}/graphql`,
      LINEAR_WEBHOOK_SECRET: secrets.linearWebhook,
      METRICS_TOKEN: secrets.metricsToken,
      ...env,
    },
  });
  return w as World & { app: TestApp };
}

async function until(what: string, fn: () => boolean, timeoutMs = 4000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!fn()) {
    if (Date.now() > end) throw new Error(`not logged in time: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Signs in through Slack's OpenID Connect while the network works; returns the session cookie. */
async function signIn(world: World & { app: TestApp }): Promise<string> {
  const login = await fetch(`${world.app.url}/auth/login`, { redirect: 'manual' });
  const state = new URL(login.headers.get('location')!).searchParams.get('state')!;
  world.slack.setOpenIdCode('code-ok', 'U0ALICE0001');
  const cb = await fetch(`${world.app.url}/auth/callback?code=code-ok&state=${state}`, {
    redirect: 'manual',
    headers: { cookie: login.headers.getSetCookie()[0]!.split(';')[0]! },
  });
  const session = cb.headers.getSetCookie().find((c) => c.startsWith('dutyloop_session='));
  expect(session).toBeTruthy();
  return session!.split(';')[0]!;
}

function expectNoSecret(log: string, extra: Record<string, string>): void {
  for (const [name, value] of Object.entries({ ...secrets, ...extra })) {
    expect(log.includes(value), `${name} appears in the log`).toBe(false);
  }
}

/** The log lines with this message, parsed. */
const linesWith = (lines: string[], msg: string) =>
  lines.map((l) => JSON.parse(l) as Record<string, any>).filter((l) => l.msg === msg);

describe('no secret in any log', () => {
  it('every path that logs a failed Slack, GitHub or Linear call keeps the reason and drops every token, key, secret and cookie', async () => {
    const world = await startWorld();
    const { app, slack, slackNet, lines, clock } = world;
    const target = { url: `${app.url}/slack/events`, signingSecret: secrets.signingSecret };
    const { token: apiToken } = await createApiToken({ ctx: app.rt.ctx, input: { name: 'helpdesk' } });
    const cookie = await signIn(world);
    const intake = (externalId: string) =>
      fetch(`${app.url}/api/tickets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          source: 'zendesk',
          externalId,
          customer: { email: 'kim@acme.io' },
          text: 'The export times out',
        }),
      });
    const first = await intake('ZD-1');
    expect(first.status).toBe(201);
    const ticketId = ((await first.json()) as { id: number }).id;

    // From here on every Slack call meets a connection reset; GitHub resets too, Linear is refused.
    slackNet.setMode('reset');

    // Sign-in: the member check (users.info, due again after a few minutes) fails; the session is kept.
    clock.advance(6 * 60_000);
    const sign = { timestamp: Math.floor(clock.now().getTime() / 1000) };
    expect((await fetch(`${app.url}/leaderboard`, { headers: { cookie }, redirect: 'manual' })).status).toBe(200);
    // Sign-in callback: openid.connect.token fails.
    const login = await fetch(`${app.url}/auth/login`, { redirect: 'manual' });
    const state = new URL(login.headers.get('location')!).searchParams.get('state')!;
    const cb = await fetch(`${app.url}/auth/callback?code=code-2&state=${state}`, {
      redirect: 'manual',
      headers: { cookie: login.headers.getSetCookie()[0]!.split(';')[0]! },
    });
    expect(cb.status).toBe(401);

    // Listeners: Bolt's own error handler (App Home), the modals, /duty answering through its response_url.
    expect((await postEvent(target, appHomeOpenedEvent({ user: 'U0DEV000001' }), sign)).status).toBe(200);
    await postMessageShortcut(
      target,
      {
        callback_id: 'create_duty_ticket',
        channel_id: 'C0INTAKE001',
        message: { ts: '1700000000.000100', text: 'help' },
      },
      sign,
    );
    await postBlockAction(
      target,
      { action_id: 'ticket.resolve', value: String(ticketId), user_id: 'U0DEV000001' },
      sign,
    );
    await postSlashCommand(
      target,
      { text: 'help', user_id: 'U0DEV000001', response_url: `${slackNet.origin}/commands/respond` },
      sign,
    );
    for (const msg of [
      'slack: unhandled listener error',
      'tickets: could not open the create modal',
      'tickets: could not open the resolve modal',
      'slack: /duty failed',
    ]) {
      await until(msg, () => linesWith(lines, msg).length > 0);
    }

    // API intake while Slack is down; links to GitHub and Linear; every scheduled job; the outbox sends it all.
    expect((await intake('ZD-2')).status).toBe(201);
    await linkTicketToIssue({
      ctx: app.rt.ctx,
      input: { ticketId, choice: 'github:acme/app#1', linkedBy: 'U0DEV000001' },
    }).catch(() => undefined);
    await linkTicketToIssue({
      ctx: app.rt.ctx,
      input: { ticketId, choice: 'linear:6a1b2c3d-0000-4000-8000-000000000001|ENG-1', linkedBy: 'U0DEV000001' },
    }).catch(() => undefined);
    for (const job of app.rt.scheduler.list()) await app.rt.scheduler.runNow(job.name);
    app.rt.outbox.start();
    await until('outbox retries', () => linesWith(lines, 'outbox: write failed, retrying').length >= 3);
    await Promise.race([app.rt.outbox.idle(), new Promise((r) => setTimeout(r, 1000))]);
    await app.stop();
    w!.app = undefined;

    const log = lines.join('\n');
    expectNoSecret(log, { apiToken, sessionCookie: cookie.slice(cookie.indexOf('=') + 1) });
    expect(log).not.toMatch(/Bearer|"config"|"headers"|"request"/);

    // What helps an operator survives: the reason and the code. (A kept-alive socket cut by the reset reads as "socket hang up", code ECONNRESET.)
    const reset = /ECONNRESET|socket hang up/;
    const member = linesWith(lines, 'dashboard: users.info failed; keeping the session')[0]!;
    expect(member.err.message).toMatch(reset);
    expect(member.err.code).toBe('slack_webapi_request_error');
    expect(member.err.original.code).toBe('ECONNRESET');
    expect(linesWith(lines, 'dashboard: sign-in with Slack failed')[0]!.err.message).toMatch(reset);
    expect(linesWith(lines, 'slack: unhandled listener error')[0]!.err.message).toMatch(reset);
    expect(linesWith(lines, 'tickets: could not open the resolve modal')[0]!.err.code).toBe(
      'slack_webapi_request_error',
    );
    expect(JSON.stringify(linesWith(lines, 'slack: /duty failed')[0]!.err)).toMatch(reset);
    // Linear's client says only "fetch failed"; why it failed is in the cause.
    const linking = linesWith(lines, 'feedback: tracker unreachable while linking; link kept, write-back will retry');
    expect(linking.find((l) => l.provider === 'linear')!.err.cause.code).toBe('ECONNREFUSED');
    expect(linking.find((l) => l.provider === 'github')!.err.message).toMatch(reset);
    expect(
      linesWith(lines, 'feedback: reconcile stopped for this tracker')
        .map((l) => JSON.stringify(l.err))
        .join(),
    ).toMatch(/ECONNREFUSED/);
    const retries = linesWith(lines, 'outbox: write failed, retrying').map((l) => String(l.error));
    expect(retries.some((e) => reset.test(e))).toBe(true);
    expect(retries.some((e) => /ECONNREFUSED|fetch failed/.test(e))).toBe(true);
    expect(slack.calls.some((c) => c.method === 'users.info')).toBe(true);
    expect(world.trackerNet.connections).toBeGreaterThan(0);
  });
});

describe('start-up and Socket Mode with Slack unreachable', () => {
  it('start-up against a refused port stops with the reason; in Socket Mode a failing listener and a reconnect that meets a reset log neither the app token nor the bot token', async () => {
    const lines: string[] = [];
    const log = createLogger('trace', { write: (l: string) => void lines.push(l) });
    const env = { SLACK_BOT_TOKEN: secrets.botToken, SLACK_SIGNING_SECRET: secrets.signingSecret };
    const refused = await refusedPort();
    const failed = await startTestApp({ slackApiUrl: `http://127.0.0.1:${refused}/api/`, log, env, file }).then(
      () => expect.fail('start-up should fail without Slack'),
      (err: Error) => err,
    );
    expect(failed.message).toMatch(/ECONNREFUSED/);
    expect(failed.message).not.toContain(secrets.botToken);

    const slack = (await startFakeSlack()).allowStandard();
    for (const id of people) slack.addUser({ id });
    const slackNet = await startBrokenNetwork({
      mode: 'forward',
      forwardTo: { host: '127.0.0.1', port: Number(new URL(slack.origin).port) },
    });
    const trackerNet = await startBrokenNetwork();
    w = { slack, slackNet, trackerNet, lines, clock: new ManualClock(Date.now()) };
    w.app = await startTestApp({
      slackApiUrl: `${slackNet.origin}/api/`,
      log,
      env: { ...env, SLACK_APP_TOKEN: secrets.appToken },
      file,
    });
    await slack.socketConnected();

    // Web API calls now meet a reset; the WebSocket (straight to the fake) still delivers events.
    slackNet.setMode('reset');
    await slack.sendEnvelope('events_api', {
      token: 'verification-token',
      team_id: 'T0TESTTEAM',
      api_app_id: 'A0TESTAPP',
      type: 'event_callback',
      event_id: 'Ev0SOCKET01',
      event_time: Math.floor(Date.now() / 1000),
      event: appHomeOpenedEvent({ user: 'U0DEV000001' }),
      authorizations: [{ team_id: 'T0TESTTEAM', user_id: 'U0DUTYLOOPBOT', is_bot: true }],
    });
    await until('the listener error', () => linesWith(lines, 'slack: unhandled listener error').length > 0);
    expect(linesWith(lines, 'slack: unhandled listener error')[0]!.err.code).toBe('slack_webapi_request_error');

    // The WebSocket drops; after its back-off Socket Mode asks apps.connections.open (with the app token), which meets the reset.
    const droppedAt = lines.length;
    await slack.close();
    const reconnect = () => lines.findIndex((l, i) => i > droppedAt && /Going to retrieve a new WSS URL/.test(l));
    await until('a reconnect', () => reconnect() > 0, 10_000);
    await until('a failed apps.connections.open', () =>
      lines.slice(reconnect()).some((l) => /http request failed/.test(l)),
    );

    const all = lines.join('\n');
    expectNoSecret(all, {});
    expect(all).toMatch(/ECONNRESET|socket hang up/);
  });
});

describe('what an error keeps in the log', () => {
  it("keeps Slack's error string and retry-after, GitHub's status and message, Linear's error type, and never the token or key", async () => {
    const [slack, gh, ln] = await Promise.all([startFakeSlack(), startFakeGitHub(), startFakeLinear()]);
    const lines: string[] = [];
    const log = createLogger('info', { write: (l: string) => void lines.push(l) });
    const logged = async (what: string, call: () => Promise<unknown>) => {
      await call().then(
        () => expect.fail(`${what} should have failed`),
        (err: unknown) => log.warn({ err }, what),
      );
      return (JSON.parse(lines[lines.length - 1]!) as { err: Record<string, any> }).err;
    };
    try {
      slack.allow('users.info').allow('chat.postMessage');
      slack.fail('users.info', { error: 'user_not_found' });
      slack.fail('chat.postMessage', { status: 429, retryAfter: 7 });
      const client = new WebClient(secrets.botToken, {
        slackApiUrl: slack.url,
        rejectRateLimitedCalls: true,
        retryConfig: { retries: 0 },
      });
      const platform = await logged('slack platform', () => client.users.info({ user: 'U0NOBODY01' }));
      expect(platform).toMatchObject({ code: 'slack_webapi_platform_error', error: 'user_not_found' });
      const limited = await logged('slack rate limit', () =>
        client.chat.postMessage({ channel: 'C0DUTY00001', text: 'hi' }),
      );
      expect(limited).toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 7 });

      gh.addRepo('acme/app', false);
      const github = new GitHubTracker({
        token: secrets.githubToken,
        apiUrl: gh.url,
        repos: ['acme/app'],
        label: 'customer-feedback',
      });
      gh.fail({ status: 401, message: 'Bad credentials', path: /search/ });
      expect(await logged('github refused', () => github.search('export', 5))).toMatchObject({
        status: 401,
        vendorMessage: 'Bad credentials',
      });
      gh.fail({ status: 403, retryAfter: 30, path: /search/ });
      expect(await logged('github secondary limit', () => github.search('export', 5))).toMatchObject({
        status: 403,
        retryAfter: '30',
      });

      ln.addTeam('ENG');
      const linear = new LinearTracker({ apiKey: secrets.linearKey, apiUrl: ln.url, teams: ['ENG'] });
      ln.fail({ rateLimited: true });
      const ratelimited = await logged('linear rate limit', () => linear.search('export', 5));
      expect(ratelimited).toMatchObject({
        message: 'Rate limit exceeded',
        status: 400,
        errors: [{ message: 'Rate limit exceeded', errorType: 'ratelimited', code: 'RATELIMITED' }],
      });
      // The GraphQL client's message carries the whole query and its variables; the log keeps the reason only.
      expect(JSON.stringify(ratelimited)).not.toContain('DutyloopSearch');
    } finally {
      await Promise.all([slack.close(), gh.stop(), ln.stop()]);
    }
    const all = lines.join('\n');
    expectNoSecret(all, {});
    expect(all).not.toMatch(/"headers"|"config"|"request"|"raw"/);
  });
});

describe('errors logged outside `err`', () => {
  it('an error logged as the first argument, under another key or after the message keeps its reason and loses its request', async () => {
    const net = await startBrokenNetwork();
    const lines: string[] = [];
    const log = createLogger('info', { write: (l: string) => void lines.push(l) });
    try {
      const client = new WebClient(secrets.botToken, {
        slackApiUrl: `${net.origin}/api/`,
        retryConfig: { retries: 0 },
      });
      const err = await client.users.info({ user: 'U0DEV000001' }).then(
        () => expect.fail('the call should fail'),
        (e: Error) => e,
      );
      log.error(err);
      log.warn({ e: err, failure: err }, 'under other keys');
      log.warn('after the message: %o', err);
      log.child({ component: 'x' }).error({ error: err }, 'under error');
    } finally {
      await net.close();
    }
    expect(lines).toHaveLength(4);
    const all = lines.join('\n');
    expectNoSecret(all, {});
    expect(all).not.toMatch(/Bearer|"config"|"headers"/);
    const [first, keys, , under] = lines.map((l) => JSON.parse(l) as Record<string, any>);
    expect(first!.err).toMatchObject({ code: 'slack_webapi_request_error', original: { code: 'ECONNRESET' } });
    expect(keys!.e.original.code).toBe('ECONNRESET');
    expect(keys!.failure.message).toMatch(/ECONNRESET/);
    expect(lines[2]).toMatch(/ECONNRESET/);
    expect(under!.error.code).toBe('slack_webapi_request_error');
  });
});
