import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { demoHost, startDemo } from '../../src/app/demo/run-demo';
import { createApiToken } from '../../src/services/tickets/create-api-token';
import { startFakeSlack, type FakeSlack } from '../harness/fake-slack';
import { signSlackRequest } from '../harness/slack-requests';
import { startTestApp, type TestApp } from '../support/app';

const githubSecret = 'gh-doors-secret';
const linearSecret = 'ln-doors-secret';
const metricsToken = 'metrics-doors-token';
const MB = 1024 * 1024;

let slack: FakeSlack;
let app: TestApp;
let token: string;

beforeEach(async () => {
  slack = (await startFakeSlack()).allowStandard();
  app = await startTestApp({
    slackApiUrl: slack.url,
    env: { GITHUB_WEBHOOK_SECRET: githubSecret, LINEAR_WEBHOOK_SECRET: linearSecret, METRICS_TOKEN: metricsToken },
  });
  token = (await createApiToken({ ctx: app.rt.ctx, input: { name: 'helpdesk' } })).token;
});
afterEach(async () => {
  await app.stop();
  slack.assertNoUnexpectedCalls();
  await slack.close();
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * Sends the headers and the first 64 KB of a body declared `declared` bytes long,
 * then waits for an answer without sending the rest: only a server that answers
 * on the headers alone answers at all.
 */
function answerBeforeBody(
  url: string,
  headers: Record<string, string>,
  declared: number,
): Promise<Answer | 'no answer'> {
  return new Promise((resolve) => {
    const req = http.request(url, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', ...headers, 'content-length': String(declared) },
    });
    const timer = setTimeout(() => {
      req.destroy();
      resolve('no answer');
    }, 3000);
    req.on('error', () => undefined);
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => {
        clearTimeout(timer);
        req.destroy();
        resolve({ status: res.statusCode!, headers: res.headers, body });
      });
    });
    req.write(Buffer.alloc(64 * 1024, 'a'));
  });
}

/** A whole request through `agent`; an error after the answer (the server closing while we still write) is ignored. */
function send(agent: http.Agent, url: string, headers: Record<string, string>, body: Buffer | string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers },
    });
    let answered = false;
    req.on('error', (err) => (answered ? undefined : reject(err)));
    req.on('response', (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.end(body);
  });
}

const ghSignature = { 'x-hub-signature-256': `sha256=${'0'.repeat(64)}`, 'x-github-event': 'issues' };
const slackHeaders = () => signSlackRequest('anything', 'x');

describe('requests that cannot succeed are refused on their headers, before the body is read', () => {
  it('an unsigned 50 MB POST to /webhooks/github is a 401 at once, and the connection closes', async () => {
    const res = await answerBeforeBody(
      `${app.url}/webhooks/github`,
      { 'x-github-event': 'issues', 'x-github-delivery': 'd-1' },
      50 * MB,
    );
    expect(res).not.toBe('no answer');
    expect(res).toMatchObject({ status: 401, headers: { connection: 'close' } });
  });

  it('webhooks without their delivery id are a 400 naming the header', async () => {
    const gh = await answerBeforeBody(`${app.url}/webhooks/github`, ghSignature, 50 * MB);
    expect(gh).toMatchObject({ status: 400, headers: { connection: 'close' } });
    expect((gh as Answer).body).toContain('X-GitHub-Delivery');
    const ln = await answerBeforeBody(`${app.url}/webhooks/linear`, { 'linear-signature': 'ab'.repeat(32) }, 50 * MB);
    expect(ln).toMatchObject({ status: 400, headers: { connection: 'close' } });
    expect((ln as Answer).body).toContain('Linear-Delivery');
    expect(await answerBeforeBody(`${app.url}/webhooks/linear`, { 'linear-delivery': 'ld-1' }, 50 * MB)).toMatchObject({
      status: 401,
    });
  });

  it('a webhook on a server with no secret for it is refused before reading', async () => {
    const bare = await startTestApp({ slackApiUrl: slack.url });
    try {
      const res = await answerBeforeBody(
        `${bare.url}/webhooks/github`,
        { ...ghSignature, 'x-github-delivery': 'd-2' },
        50 * MB,
      );
      expect(res).toMatchObject({ status: 401, headers: { connection: 'close' } });
      expect((res as Answer).body).toContain('GITHUB_WEBHOOK_SECRET');
    } finally {
      await bare.stop();
    }
  });

  it('POST /api/tickets without a valid token is a 401, not a 413, whatever the size', async () => {
    expect(await answerBeforeBody(`${app.url}/api/tickets`, {}, 50 * MB)).toMatchObject({
      status: 401,
      headers: { connection: 'close' },
    });
    expect(
      await answerBeforeBody(`${app.url}/api/tickets`, { authorization: 'Bearer dl_wrong' }, 50 * MB),
    ).toMatchObject({ status: 401 });
  });

  it('a Slack request without signature headers, or with a stale timestamp, is a 401 before reading', async () => {
    expect(await answerBeforeBody(`${app.url}/slack/events`, {}, 50 * MB)).toMatchObject({
      status: 401,
      headers: { connection: 'close' },
    });
    const stale = signSlackRequest('anything', 'x', Math.floor(Date.now() / 1000) - 600);
    expect(await answerBeforeBody(`${app.url}/slack/events`, stale, 50 * MB)).toMatchObject({ status: 401 });
  });
});

describe('every route that reads a body has a limit', () => {
  const cases: [string, string, () => Record<string, string>, number, string][] = [
    ['/slack/events', 'Slack events', slackHeaders, 1 * MB, '1 MB'],
    ['/api/tickets', 'the ticket API', () => ({ authorization: `Bearer ${token}` }), 1 * MB, '1 MB'],
    ['/webhooks/github', 'GitHub webhooks', () => ({ ...ghSignature, 'x-github-delivery': 'd-3' }), 5 * MB, '5 MB'],
    [
      '/webhooks/linear',
      'Linear webhooks',
      () => ({ 'linear-signature': 'ab'.repeat(32), 'linear-delivery': 'ld-3' }),
      5 * MB,
      '5 MB',
    ],
    [
      '/rate/some-token',
      'the rating form',
      () => ({ 'content-type': 'application/x-www-form-urlencoded' }),
      64 * 1024,
      '64 KB',
    ],
    [
      '/auth/logout',
      'sign-out',
      () => ({ 'content-type': 'application/x-www-form-urlencoded', cookie: 'dutyloop_session=x' }),
      4 * 1024,
      '4 KB',
    ],
  ];
  for (const [route, what, headers, limit, shown] of cases) {
    it(`${what}: a body over ${shown} is a 413 saying so, answered without reading it`, async () => {
      const res = await answerBeforeBody(`${app.url}${route}`, headers(), limit + 1);
      expect(res).toMatchObject({ status: 413, headers: { connection: 'close' } });
      expect(JSON.parse((res as Answer).body)).toEqual({
        error: 'payload_too_large',
        message: `The body is over ${shown}`,
      });
    });
  }

  it('a chunked body (no Content-Length) is cut off at the limit too, and stores nothing', async () => {
    const chunk = new TextEncoder().encode(`{"text":"${'y'.repeat(64 * 1024)}`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(ctrl) {
        if (sent++ < 40) ctrl.enqueue(chunk);
        else ctrl.close();
      },
    });
    const res = await fetch(`${app.url}/api/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await app.query('SELECT count(*) n FROM tickets')).toEqual([{ n: 0 }]);
  });

  it('a chunked body under the limit, and one with a declared length, both become tickets with their text intact', async () => {
    const text = 'Export fails — «отчёт» 📎 '.repeat(3000);
    const json = new TextEncoder().encode(JSON.stringify({ source: 'form', externalId: 'chunked-1', text }));
    // Split inside multi-byte characters: the body is decoded whole, not chunk by chunk.
    const pieces = [json.subarray(0, 7), json.subarray(7, 30_001), json.subarray(30_001)];
    const chunked = await fetch(`${app.url}/api/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: new ReadableStream<Uint8Array>({
        start(ctrl) {
          for (const p of pieces) ctrl.enqueue(p);
          ctrl.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(201);
    const declared = await send(
      new http.Agent(),
      `${app.url}/api/tickets`,
      { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      Buffer.from(JSON.stringify({ source: 'form', externalId: 'declared-1', text })),
    );
    expect(declared.status).toBe(201);
    const stored = await app.query<{ text: string }>('SELECT text FROM tickets ORDER BY id');
    expect(stored.map((r) => r.text)).toEqual([text, text]);
  });
});

describe('a keep-alive client', () => {
  it('sends a refused request and then a good one on the same agent, and both are answered', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const refused = await send(agent, `${app.url}/api/tickets`, {}, Buffer.alloc(8 * MB, 'a'));
      expect(refused.status).toBe(401);
      expect(refused.headers.connection).toBe('close');
      const tooBig = await send(
        agent,
        `${app.url}/api/tickets`,
        { authorization: `Bearer ${token}` },
        Buffer.alloc(8 * MB, 'a'),
      );
      expect(tooBig.status).toBe(413);
      const good = await send(
        agent,
        `${app.url}/api/tickets`,
        { authorization: `Bearer ${token}` },
        JSON.stringify({ source: 'zendesk', externalId: 'ZD-ka', text: 'Login loops' }),
      );
      expect(good.status).toBe(201);
      const again = await send(
        agent,
        `${app.url}/api/tickets`,
        { authorization: `Bearer ${token}` },
        JSON.stringify({ source: 'zendesk', externalId: 'ZD-ka', text: 'Login loops' }),
      );
      expect(again.status).toBe(200);
      // A request whose body was read keeps the connection open as usual.
      expect(again.headers.connection).toBe('keep-alive');
    } finally {
      agent.destroy();
    }
  });
});

describe('a malformed multipart body is a 400, never a 500', () => {
  const broken = { 'content-type': 'multipart/form-data; boundary=XYZ' };
  const body = '--nope\r\ncontent-disposition: form-data; name="x"\r\n\r\ny\r\n--XY';

  it('on /slack/events, /rate and /api/tickets', async () => {
    const slackRes = await fetch(`${app.url}/slack/events`, {
      method: 'POST',
      headers: { ...broken, ...signSlackRequest(app.slackTarget.signingSecret, body) },
      body,
    });
    expect(slackRes.status).toBe(400);
    const rate = await fetch(`${app.url}/rate/whatever`, { method: 'POST', headers: broken, body });
    expect(rate.status).toBeLessThan(500);
    expect(rate.status).toBeGreaterThanOrEqual(400);
    const api = await fetch(`${app.url}/api/tickets`, {
      method: 'POST',
      headers: { ...broken, authorization: `Bearer ${token}` },
      body,
    });
    expect(api.status).toBe(400);
  });
});

describe('GET /metrics with METRICS_TOKEN set', () => {
  it('answers only to Authorization: Bearer <METRICS_TOKEN>', async () => {
    const none = await fetch(`${app.url}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(await none.text()).not.toContain('dutyloop_http_requests_total');
    expect((await fetch(`${app.url}/metrics`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    const ok = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('dutyloop_http_requests_total');
  });
});

describe('dutyloop demo', () => {
  it('listens on 127.0.0.1 unless told otherwise', async () => {
    const port = await freePort();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dutyloop-demo-')), 'demo.db');
    const listen = vi.spyOn(net.Server.prototype, 'listen');
    const { running } = await startDemo({ file, port, quiet: true });
    try {
      const server = listen.mock.contexts.at(-1) as net.Server;
      expect((server.address() as net.AddressInfo).address).toBe('127.0.0.1');
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      listen.mockRestore();
      await running.stop();
    }
  });
});

describe('dutyloop demo --host', () => {
  it('takes the address from --host H or --host=H, and refuses a --host without one', () => {
    expect(demoHost([])).toBe('127.0.0.1');
    expect(demoHost(['--host', '0.0.0.0'])).toBe('0.0.0.0');
    expect(demoHost(['--host=::1'])).toBe('::1');
    expect(() => demoHost(['--host'])).toThrow(/--host needs an address/);
  });
});

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as net.AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
