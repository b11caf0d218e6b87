import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A small Slack Web API stand-in for the feedback tests: records calls, answers ok. */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  at: number;
}
export interface FakeSlackLite {
  apiUrl: string;
  calls: SlackCall[];
  /** response_url posts (ephemeral answers to slash commands). */
  responses: Record<string, unknown>[];
  responseUrl: string;
  of(method: string): SlackCall[];
  waitFor(method: string, pred?: (c: SlackCall) => boolean, timeoutMs?: number): Promise<SlackCall>;
  stop(): Promise<void>;
}

export async function startFakeSlackLite(): Promise<FakeSlackLite> {
  const calls: SlackCall[] = [];
  const responses: Record<string, unknown>[] = [];
  let ts = 1_700_000_000;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      res.setHeader('content-type', 'application/json');
      if (u.pathname.startsWith('/respond')) {
        responses.push(JSON.parse(raw));
        return res.end('{"ok":true}');
      }
      const method = u.pathname.replace(/^\/api\//, '');
      let args: Record<string, unknown> = {};
      if ((req.headers['content-type'] ?? '').includes('json')) args = JSON.parse(raw || '{}');
      else
        for (const [k, v] of new URLSearchParams(raw)) {
          try {
            args[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
          } catch {
            args[k] = v;
          }
        }
      calls.push({ method, args, at: Date.now() });
      let out: Record<string, unknown> = { ok: true };
      if (method === 'auth.test') out = { ok: true, team_id: 'T0TESTTEAM', user_id: 'UBOT', bot_id: 'BBOT' };
      if (method === 'chat.postMessage') out = { ok: true, channel: args.channel, ts: `${++ts}.000100`, message: { text: args.text } };
      if (method.startsWith('views.')) out = { ok: true, view: { id: `V${calls.length}`, hash: 'h1', ...(args.view as object) } };
      res.end(JSON.stringify(out));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fake: FakeSlackLite = {
    apiUrl: `${base}/api/`,
    calls,
    responses,
    responseUrl: `${base}/respond/1`,
    of: (m) => calls.filter((c) => c.method === m),
    async waitFor(method, pred = () => true, timeoutMs = 5000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const hit = calls.find((c) => c.method === method && pred(c));
        if (hit) return hit;
        if (Date.now() > end) throw new Error(`no ${method} call seen; calls: ${calls.map((c) => c.method).join(', ')}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return fake;
}
