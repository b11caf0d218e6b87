import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock';
import { startFakeSlack, type FakeSlack } from '../harness/fake-slack';
import { startTestApp, teamId, type TestApp } from '../support/app';
import { readerHeaders } from './support/api-token';

let slack: FakeSlack;
let app: TestApp;
let clock: ManualClock;

beforeEach(async () => {
  slack = (await startFakeSlack()).allowStandard();
  slack.addUser({ id: 'U0ALICE01', name: 'alice', real_name: 'Alice Moreau', email: 'alice@example.com' });
  clock = new ManualClock(Date.now());
  app = await startTestApp({
    slackApiUrl: slack.url,
    clock,
    env: { SLACK_CLIENT_ID: '1234567890.987654321', SLACK_CLIENT_SECRET: 'client-secret-x' },
  });
});
afterEach(async () => {
  await app.stop();
  slack.assertNoUnexpectedCalls();
  await slack.close();
});

const get = (path: string, cookie?: string, headers: Record<string, string> = {}) =>
  fetch(`${app.url}${path}`, { redirect: 'manual', headers: { ...(cookie ? { cookie } : {}), ...headers } });
const cookiesOf = (res: Response) => res.headers.getSetCookie();
const pair = (setCookie: string) => setCookie.split(';')[0]!;

async function signIn(userId = 'U0ALICE01'): Promise<string> {
  const login = await get('/auth/login?next=%2Fleaderboard');
  const authorize = new URL(login.headers.get('location')!);
  const stateCookie = pair(cookiesOf(login).find((c) => c.startsWith('dutyloop_oidc_state='))!);
  slack.setOpenIdCode('code-1', userId);
  const cb = await get(`/auth/callback?code=code-1&state=${authorize.searchParams.get('state')}`, stateCookie);
  expect(cb.status).toBe(302);
  expect(cb.headers.get('location')).toBe('/leaderboard');
  const session = cookiesOf(cb).find((c) => c.startsWith('dutyloop_session='))!;
  expect(session).toMatch(/HttpOnly/);
  expect(session).toMatch(/SameSite=Lax/);
  expect(session).not.toMatch(/Secure/); // plain http here; Secure over https
  return pair(session);
}

/** Signs in with `next` (raw, encoded here) and returns where the callback sends the browser, and the session cookie. */
async function signInTo(
  next: string,
  userId = 'U0ALICE01',
  base = app,
): Promise<{ location: string | null; cookie: string; setCookie: string }> {
  const login = await fetch(`${base.url}/auth/login?next=${encodeURIComponent(next)}`, { redirect: 'manual' });
  const state = new URL(login.headers.get('location')!).searchParams.get('state');
  const code = `code-${Math.random().toString(36).slice(2)}`;
  slack.setOpenIdCode(code, userId);
  const cb = await fetch(`${base.url}/auth/callback?code=${code}&state=${state}`, {
    redirect: 'manual',
    headers: { cookie: pair(cookiesOf(login)[0]!) },
  });
  const setCookie = cookiesOf(cb).find((c) => c.startsWith('dutyloop_session='))!;
  return { location: cb.headers.get('location'), cookie: pair(setCookie), setCookie };
}

describe('Sign in with Slack', () => {
  it('a page without a session redirects to Slack’s OpenID Connect authorize URL with this app’s client id', async () => {
    const res = await get('/?window=7d');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/auth/login?next=%2F%3Fwindow%3D7d');
    const login = await get(res.headers.get('location')!);
    const to = new URL(login.headers.get('location')!);
    expect(`${to.origin}${to.pathname}`).toBe('https://slack.com/openid/connect/authorize');
    expect(to.searchParams.get('client_id')).toBe('1234567890.987654321');
    expect(to.searchParams.get('scope')).toBe('openid profile');
    expect(to.searchParams.get('redirect_uri')).toBe(`${app.url}/auth/callback`);
  });

  it('a workspace member signs in through openid.connect.token and userInfo and sees the pages', async () => {
    const cookie = await signIn();
    expect(slack.callsTo('openid.connect.token')[0]).toMatchObject({
      code: 'code-1',
      client_id: '1234567890.987654321',
    });
    const res = await get('/leaderboard', cookie);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Alice Moreau');
    expect((await get('/api/demand?window=30d', cookie)).status).toBe(200);
  });

  it('behind https the sign-in cookies are Secure', async () => {
    const login = await get('/auth/login', undefined, { 'x-forwarded-proto': 'https' });
    expect(cookiesOf(login)[0]).toMatch(/; Secure/);
    const state = new URL(login.headers.get('location')!).searchParams.get('state');
    slack.setOpenIdCode('code-s', 'U0ALICE01');
    const cb = await get(`/auth/callback?code=code-s&state=${state}`, pair(cookiesOf(login)[0]!), {
      'x-forwarded-proto': 'https',
    });
    const session = cookiesOf(cb).find((c) => c.startsWith('dutyloop_session='))!;
    expect(session).toMatch(/; Secure/);
    expect(session).toMatch(/HttpOnly/);
  });

  it('a forged or tampered session cookie is refused', async () => {
    const cookie = await signIn();
    const [body] = cookie.slice('dutyloop_session='.length).split('.');
    const forgedBody = Buffer.from(
      JSON.stringify({ u: 'U0MALLORY', n: 'Mallory', t: teamId, iat: Date.now() }),
    ).toString('base64url');
    for (const forged of [
      `dutyloop_session=${forgedBody}.${cookie.split('.')[1]}`,
      `dutyloop_session=${body}.AAAA`,
      'dutyloop_session=garbage',
    ]) {
      const page = await get('/', forged);
      expect(page.status).toBe(302);
      expect(page.headers.get('location')).toMatch(/^\/auth\/login/);
      expect((await get('/api/leaderboard', forged)).status).toBe(401);
    }
  });

  it('a sign-in from another workspace is refused', async () => {
    slack.state.teamId = 'T0OTHERWS';
    const login = await get('/auth/login');
    const state = new URL(login.headers.get('location')!).searchParams.get('state');
    slack.setOpenIdCode('code-x', 'U0ALICE01');
    const cb = await get(`/auth/callback?code=code-x&state=${state}`, pair(cookiesOf(login)[0]!));
    expect(cb.status).toBe(403);
    expect(cookiesOf(cb).some((c) => c.startsWith('dutyloop_session=') && !c.includes('Max-Age=0'))).toBe(false);
  });

  it('a callback whose state does not match the browser’s is refused', async () => {
    await get('/auth/login');
    slack.setOpenIdCode('code-2', 'U0ALICE01');
    expect((await get('/auth/callback?code=code-2&state=forged', 'dutyloop_oidc_state=other.Lw')).status).toBe(400);
    expect(slack.callsTo('openid.connect.token')).toHaveLength(0);
  });

  it('a member who has left the workspace is signed out', async () => {
    const cookie = await signIn();
    slack.addUser({ id: 'U0ALICE01', name: 'alice', real_name: 'Alice Moreau', deleted: true });
    clock.advance(10 * 60_000);
    const res = await get('/', cookie);
    expect(res.status).toBe(302);
    expect(cookiesOf(res).some((c) => c.startsWith('dutyloop_session=;') || c.includes('Max-Age=0'))).toBe(true);
  });

  it('sign-out is a POST carrying the page’s CSRF token', async () => {
    const cookie = await signIn();
    const html = await (await get('/leaderboard', cookie)).text();
    const csrf = html.match(/name="csrf" value="([^"]+)"/)![1]!;
    const post = (body: string) =>
      fetch(`${app.url}/auth/logout`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
    expect((await post('csrf=wrong')).status).toBe(403);
    const ok = await post(`csrf=${encodeURIComponent(csrf)}`);
    expect(ok.status).toBe(200);
    expect(cookiesOf(ok).some((c) => c.startsWith('dutyloop_session=;'))).toBe(true);
  });

  it('API reads accept an API token instead of a session; the calendar, health and Slack routes are not behind sign-in', async () => {
    expect((await get('/api/demand?window=7d', undefined, await readerHeaders(app, teamId))).status).toBe(200);
    expect((await get('/api/demand?window=7d', undefined, { authorization: 'Bearer nope' })).status).toBe(401);
    expect((await get('/api/demand?window=7d')).status).toBe(401);
    expect((await get('/api/schedule')).status).toBe(401);
    expect((await get('/calendar.ics?token=wrong')).headers.get('location')).toBeNull();
    expect((await get('/healthz')).status).toBe(200);
    const slackPost = await fetch(`${app.url}/slack/events`, { method: 'POST', body: '{}' });
    expect(slackPost.status).not.toBe(302);
  });
});

describe('after sign-in, only a path on this site', () => {
  it('keeps a same-origin path with its query, and sends every other `next` home', async () => {
    expect((await signInTo('/issues/3?window=7d')).location).toBe('/issues/3?window=7d');
    for (const next of [
      '/\\evil.example',
      '/\t/evil.example',
      '//evil.example',
      '/.//evil.example',
      'https://evil.example/',
      '/\\/evil.example',
      'javascript:alert(1)',
    ]) {
      expect((await signInTo(next)).location, next).toBe('/');
    }
  });
});

describe('sessions held on the server', () => {
  const sessionRows = () =>
    app.query<{ id_hash: string; slack_user_id: string }>('SELECT id_hash, slack_user_id FROM sessions');

  it('the cookie is a random id stored only as its SHA-256', async () => {
    const { cookie } = await signInTo('/');
    const id = cookie.slice('dutyloop_session='.length);
    expect(await sessionRows()).toEqual([
      { id_hash: createHash('sha256').update(id).digest('hex'), slack_user_id: 'U0ALICE01' },
    ]);
    expect(JSON.stringify(await app.query('SELECT * FROM sessions'))).not.toContain(id);
  });

  it('after sign-out a copy of the cookie no longer opens anything', async () => {
    const { cookie } = await signInTo('/');
    const html = await (await get('/leaderboard', cookie)).text();
    const csrf = html.match(/name="csrf" value="([^"]+)"/)![1]!;
    const out = await fetch(`${app.url}/auth/logout`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: `csrf=${encodeURIComponent(csrf)}`,
    });
    expect(out.status).toBe(200);
    expect(await sessionRows()).toEqual([]);
    const page = await get('/leaderboard', cookie);
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toMatch(/^\/auth\/login/);
    expect((await get('/api/leaderboard', cookie)).status).toBe(401);
  });

  it('a member who left the workspace loses every session, also once Slack lists them again', async () => {
    const first = await signInTo('/');
    const second = await signInTo('/');
    slack.addUser({ id: 'U0ALICE01', name: 'alice', real_name: 'Alice Moreau', deleted: true });
    clock.advance(10 * 60_000);
    expect((await get('/', first.cookie)).status).toBe(302);
    expect(await sessionRows()).toEqual([]);
    slack.addUser({ id: 'U0ALICE01', name: 'alice', real_name: 'Alice Moreau' });
    clock.advance(10 * 60_000);
    expect((await get('/', first.cookie)).status).toBe(302);
    expect((await get('/', second.cookie)).status).toBe(302);
  });

  it('a user Slack no longer knows (user_not_found) is signed out', async () => {
    const { cookie } = await signInTo('/');
    slack.state.users.delete('U0ALICE01');
    clock.advance(10 * 60_000);
    expect((await get('/leaderboard', cookie)).status).toBe(302);
    expect(await sessionRows()).toEqual([]);
  });

  it('a session ends after 7 days', async () => {
    const { cookie } = await signInTo('/');
    clock.advance(7 * 86_400_000 - 60_000);
    expect((await get('/leaderboard', cookie)).status).toBe(200);
    clock.advance(2 * 60_000);
    expect((await get('/leaderboard', cookie)).status).toBe(302);
  });

  it('a sign-out form that cannot be read is a 400, not a server error', async () => {
    const { cookie } = await signInTo('/');
    const res = await fetch(`${app.url}/auth/logout`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'multipart/form-data; boundary=XYZ' },
      body: '--nope\r\ncontent-disposition: form-data; name="csrf"\r\n\r\nx\r\n--XY',
    });
    expect(res.status).toBe(400);
    expect(await sessionRows()).toHaveLength(1);
  });
});

describe('with PUBLIC_URL on https, behind a proxy that speaks http to us', () => {
  it('the session and sign-in cookies are Secure even without X-Forwarded-Proto', async () => {
    const httpsApp = await startTestApp({
      slackApiUrl: slack.url,
      clock,
      env: {
        SLACK_CLIENT_ID: '1234567890.987654321',
        SLACK_CLIENT_SECRET: 'client-secret-x',
        PUBLIC_URL: 'https://duty.example.com',
      },
    });
    try {
      const login = await fetch(`${httpsApp.url}/auth/login`, { redirect: 'manual' });
      expect(cookiesOf(login)[0]).toMatch(/; Secure/);
      const { setCookie } = await signInTo('/', 'U0ALICE01', httpsApp);
      expect(setCookie).toMatch(/; Secure/);
      expect(setCookie).toMatch(/HttpOnly/);
    } finally {
      await httpsApp.stop();
    }
  });
});
