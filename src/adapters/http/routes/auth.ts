import { WebClient } from '@slack/web-api';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../../../services/context';
import type { SessionRow } from '../../../services/ports/sessions';
import { DirectoryError } from '../../../services/ports/slack-directory';
import type { Viewer } from '../../web/layout';
import { constantTimeEqual, signValue } from '../../signed-values';
import type { AppEnv, WebDeps } from '../web-deps';

export const sessionCookie = 'dutyloop_session';
const stateCookie = 'dutyloop_oidc_state';
const sessionMaxAgeS = 7 * 86_400;
const memberCheckEveryMs = 5 * 60_000;

const viewers = new WeakMap<Request, Viewer>();
/** The signed-in viewer of this request (null in demo mode or for API-token reads). */
export function viewerOf(c: Context): Viewer | null {
  return viewers.get(c.req.raw) ?? null;
}

const csrfFor = (secret: string, raw: string) => signValue(secret, 'csrf', raw);
/** Secure cookies whenever people reach us over https, also through a proxy that speaks http to us. */
const isHttps = (ctx: Ctx, c: Context) =>
  ctx.config.env.publicUrl?.startsWith('https:') ||
  new URL(c.req.url).protocol === 'https:' ||
  c.req.header('x-forwarded-proto') === 'https';
// The cookie holds 32 random bytes; anything else is not worth a database lookup.
const sessionIdPattern = /^[A-Za-z0-9_-]{43}$/;

/**
 * Reads need a signed-in member of this workspace (or, for /api/*, an API token).
 * The demo serves everyone: it has no Slack to sign in with.
 */
export function requireReader(ctx: Ctx, web: WebDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (web.mode === 'demo') return next();
    const isApi = c.req.path.startsWith('/api/');
    const now = ctx.clock.now().getTime();
    const auth = c.req.header('authorization');
    if (isApi && auth?.startsWith('Bearer ')) {
      const row = await ctx.repos.tokens.authenticate(ctx.workspaceId, auth.slice(7).trim(), now);
      if (!row) return c.json({ error: 'unauthorized', message: 'Unknown or revoked API token' }, 401);
      return next();
    }
    const raw = getCookie(c, sessionCookie);
    const session =
      raw && sessionIdPattern.test(raw) ? await ctx.repos.sessions.find(ctx.workspaceId, raw, now) : undefined;
    if (session && (await stillMember(ctx, session, now))) {
      viewers.set(c.req.raw, { name: session.name, csrf: csrfFor(web.secret, raw!) });
      return next();
    }
    if (raw) deleteCookie(c, sessionCookie, { path: '/' });
    if (isApi) return c.json({ error: 'unauthorized', message: 'Sign in with Slack or send an API token' }, 401);
    return c.redirect(`/auth/login?next=${encodeURIComponent(c.req.path + (new URL(c.req.url).search || ''))}`, 302);
  };
}

/**
 * A user who left the workspace (users.info → deleted or not found) loses every
 * session at once; asked at most every few minutes per session.
 */
async function stillMember(ctx: Ctx, session: SessionRow, now: number): Promise<boolean> {
  if (now - session.checkedAt < memberCheckEveryMs) return true;
  const { directory } = ctx;
  if (!directory) return true;
  try {
    const user = await directory.user(session.slackUserId);
    if (user.deleted) return signOutEverywhere(ctx, session.slackUserId);
  } catch (err) {
    if (err instanceof DirectoryError && err.code === 'user_not_found')
      return signOutEverywhere(ctx, session.slackUserId);
    // Slack's own error says why (a 5xx, a reset socket…), not the port's code.
    ctx.log.warn(
      { err: err instanceof DirectoryError ? (err.cause ?? err) : err },
      'dashboard: users.info failed; keeping the session',
    );
    return true;
  }
  await ctx.repos.sessions.markChecked(ctx.workspaceId, session.slackUserId, now);
  return true;
}

async function signOutEverywhere(ctx: Ctx, slackUserId: string): Promise<false> {
  await ctx.repos.sessions.deleteForUser(ctx.workspaceId, slackUserId);
  ctx.log.info({ slackUserId }, 'dashboard: a member left the workspace; their sessions are revoked');
  return false;
}

/**
 * Where to go after sign-in: a path on this site only. Browsers read `/\\host`
 * and `/<TAB>/host` as another host, so the value is parsed as a browser would
 * and kept only when it stays on our origin and still starts with a single `/`.
 */
export function safeNext(v: string | undefined): string {
  if (!v?.startsWith('/')) return '/';
  const origin = 'http://dutyloop.invalid';
  let url: URL;
  try {
    url = new URL(v, origin);
  } catch {
    return '/';
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  return url.origin === origin && path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\')
    ? path
    : '/';
}

export function registerAuthRoutes(app: Hono<AppEnv>, ctx: Ctx, web: WebDeps): void {
  const guard = requireReader(ctx, web);
  for (const path of ['/', '/issues/*', '/leaderboard', '/rotation', '/health', '/runbooks', '/runbooks/*'])
    app.get(path, guard);
  app.use('/api/*', async (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? guard(c, next) : next()));

  const { slack } = ctx.config.env;
  if (web.mode !== 'demo' && (!slack.clientId || !slack.clientSecret)) {
    ctx.log.warn(
      'dashboard: Sign in with Slack is off — set SLACK_CLIENT_ID and SLACK_CLIENT_SECRET to open the dashboard; /api/* reads still accept API tokens',
    );
  }
  const redirectUri = (c: Context) =>
    `${ctx.config.env.publicUrl?.replace(/\/$/, '') ?? new URL(c.req.url).origin}/auth/callback`;
  const { sessions } = ctx.repos;
  const oidc = new WebClient(undefined, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });

  app.get('/auth/login', (c) => {
    if (!slack.clientId || !slack.clientSecret) {
      return c.text(
        "Sign-in is not configured: set SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (the Slack app's Basic Information page).",
        503,
      );
    }
    const state = randomBytes(16).toString('base64url');
    const next = safeNext(c.req.query('next'));
    setCookie(c, stateCookie, `${state}.${Buffer.from(next).toString('base64url')}`, {
      httpOnly: true,
      secure: isHttps(ctx, c),
      sameSite: 'Lax',
      path: '/auth',
      maxAge: 600,
    });
    const url = new URL('https://slack.com/openid/connect/authorize');
    url.search = new URLSearchParams({
      response_type: 'code',
      scope: 'openid profile',
      client_id: slack.clientId,
      state,
      team: ctx.workspaceId,
      redirect_uri: redirectUri(c),
    }).toString();
    return c.redirect(url.toString(), 302);
  });

  app.get('/auth/callback', async (c) => {
    const [state, nextB64] = (getCookie(c, stateCookie) ?? '').split('.');
    deleteCookie(c, stateCookie, { path: '/auth' });
    const code = c.req.query('code');
    if (!state || !code || !constantTimeEqual(state, c.req.query('state') ?? ''))
      return c.text('Sign-in expired or was tampered with; please try again.', 400);
    if (!slack.clientId || !slack.clientSecret) return c.text('Sign-in is not configured.', 503);
    let info: Record<string, unknown>;
    try {
      const token = await oidc.openid.connect.token({
        client_id: slack.clientId,
        client_secret: slack.clientSecret,
        code,
        redirect_uri: redirectUri(c),
      });
      const user = new WebClient(token.access_token, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
      info = (await user.openid.connect.userInfo()) as unknown as Record<string, unknown>;
    } catch (err) {
      ctx.log.warn({ err }, 'dashboard: sign-in with Slack failed');
      return c.text('Slack did not accept this sign-in; please try again.', 401);
    }
    const userId = String(info['https://slack.com/user_id'] ?? info.sub ?? '');
    const teamId = String(info['https://slack.com/team_id'] ?? '');
    if (!userId || teamId !== ctx.workspaceId) return c.text('This dashboard belongs to another Slack workspace.', 403);
    const now = ctx.clock.now().getTime();
    const id = randomBytes(32).toString('base64url');
    await sessions.create(ctx.workspaceId, id, {
      slackUserId: userId,
      name: String(info.name ?? userId),
      now,
      expiresAt: now + sessionMaxAgeS * 1000,
    });
    setCookie(c, sessionCookie, id, {
      httpOnly: true,
      secure: isHttps(ctx, c),
      sameSite: 'Lax',
      path: '/',
      maxAge: sessionMaxAgeS,
    });
    return c.redirect(safeNext(nextB64 ? Buffer.from(nextB64, 'base64url').toString() : '/'), 302);
  });

  app.post('/auth/logout', async (c) => {
    const raw = getCookie(c, sessionCookie);
    if (!raw) return c.text('Invalid sign-out request.', 403);
    const form = await c.req.parseBody().catch(() => undefined);
    if (!form) return c.text('The sign-out form could not be read.', 400);
    if (typeof form.csrf !== 'string' || !constantTimeEqual(form.csrf, csrfFor(web.secret, raw)))
      return c.text('Invalid sign-out request.', 403);
    // Deleting the row is what signs out: a copy of the cookie stops working too.
    await sessions.delete(raw);
    deleteCookie(c, sessionCookie, { path: '/' });
    return c.text('Signed out.', 200);
  });
}
