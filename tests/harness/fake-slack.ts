import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { standardHandlers, type SlackHandler, type SlackState } from './fake-slack-methods';
import { fakeServer, readBody } from './http';
import { registerFake } from './fake-registry';
import { defaultChannels, type FakeChannel } from './slack-channels';
import { TierLimiter } from './slack-rate-tiers';
import { manifestBotScopes } from './slack-scopes';
import { strictRefusal } from './slack-strict';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  at: number;
  /** The token from `Authorization: Bearer` (or a `token` form field), to tell bot from user calls. */
  token?: string;
}
export interface ResponseUrlPost {
  id: string;
  body: Record<string, any>;
}
export interface FailSpec {
  error?: string;
  status?: 429 | 500;
  retryAfter?: number;
  times?: number;
}
export interface FakeSlackOptions {
  /** Slack allows about one message per second per channel; past it, 429. */
  channelRateLimitPerSecond?: number;
  /**
   * Refuse what Slack refuses (scopes, Block Kit, membership, tiers, trigger
   * age) and fail the test on any refusal it did not declare. On by default;
   * off only for a test of what the fake records, not of what Slack accepts.
   */
  strict?: boolean;
}
export interface SlackRefusal {
  method: string;
  error: string;
  args: Record<string, unknown>;
  /** Slack's explanation, when it gives one (Block Kit problems). */
  messages?: string[];
}
export interface SocketAck {
  envelope_id: string;
  payload?: unknown;
}

/**
 * A Slack Web API on 127.0.0.1 answering in Slack's wire format (response
 * shapes from the published OpenAPI examples). It answers only the methods a
 * test allowed; anything else is recorded as unexpected so the test fails.
 */
export class FakeSlack {
  readonly calls: SlackCall[] = [];
  readonly unexpectedCalls: SlackCall[] = [];
  readonly rateLimited: SlackCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  /** What the strict checks refused, declared or not. */
  readonly refusals: SlackRefusal[] = [];
  readonly state: SlackState;
  /** The bot scopes this workspace granted; config/slack-manifest.yaml's by default. */
  scopes: string[] = manifestBotScopes();
  closed = false;
  private clockOffsetMs = 0;
  private readonly limiter = new TierLimiter(() => this.now());
  private readonly expected = new Set<string>();
  private violations: string[] = [];
  url = '';
  origin = '';
  private readonly allowed = new Map<string, SlackHandler>();
  private readonly failures = new Map<string, FailSpec & { times: number }>();
  private readonly lastPost = new Map<string, number>();
  private readonly waiters = new Set<() => void>();
  private readonly server: http.Server;
  private readonly wss: WebSocketServer;
  private socket: WebSocket | undefined;
  private readonly acks = new Map<string, (ack: SocketAck) => void>();
  private envelopeSeq = 0;

  constructor(private readonly options: FakeSlackOptions = {}) {
    const channels = new Map(defaultChannels.map((c) => [c.id, { ...c }]));
    this.state = {
      teamId: 'T0TESTTEAM',
      tsSeq: 0,
      messages: [],
      users: new Map(),
      openIdCodes: new Map(),
      viewSeq: 0,
      channels,
    };
    registerFake(this);
    this.server = fakeServer((req, res) => this.handle(req, res));
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, sock, head) => {
      this.wss.handleUpgrade(req, sock, head, (ws) => this.onSocket(ws));
    });
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.origin = `http://127.0.0.1:${port}`;
    this.url = `${this.origin}/api/`;
    return this;
  }

  /** Expect `method`; answer with the standard handler unless `handler` is given. */
  allow(method: string, handler?: SlackHandler): this {
    const h = handler ?? this.ownHandlers()[method] ?? standardHandlers[method];
    if (!h) throw new Error(`fake Slack has no standard handler for ${method}; pass one`);
    this.allowed.set(method, h);
    return this;
  }

  /** The methods most tests need, with their standard answers. */
  allowStandard(): this {
    for (const m of [...Object.keys(standardHandlers), ...Object.keys(this.ownHandlers())]) this.allow(m);
    return this;
  }

  /** Methods whose answer depends on this server (its address). */
  private ownHandlers(): Record<string, SlackHandler> {
    return {
      'apps.connections.open': () => ({ ok: true, url: `${this.origin.replace(/^http/, 'ws')}/socket?ticket=fake` }),
    };
  }

  /** Adds or changes a channel: `member: false` is a channel the bot was not invited to. */
  setChannel(id: string, channel: Partial<Omit<FakeChannel, 'id'>> = {}): this {
    const was = this.state.channels.get(id);
    this.state.channels.set(id, {
      id,
      name: channel.name ?? was?.name ?? id.toLowerCase(),
      kind: channel.kind ?? was?.kind ?? 'public',
      member: channel.member ?? was?.member ?? true,
    });
    return this;
  }

  /** Forgets a channel: calls naming it answer channel_not_found. */
  removeChannel(id: string): this {
    this.state.channels.delete(id);
    return this;
  }

  /** The test means to provoke this refusal (e.g. 'not_in_channel'); it will not fail the test. */
  expectRefusal(...errors: string[]): this {
    for (const e of errors) this.expected.add(e);
    return this;
  }

  /** Moves the fake's own clock (trigger ages, rate-limit windows) forward. */
  advanceClock(ms: number): this {
    this.clockOffsetMs += ms;
    return this;
  }

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** For the global afterEach: what this fake refused or did not expect, undeclared, since the last call. */
  drainViolations(): string[] {
    const out = this.violations;
    this.violations = [];
    this.expected.clear();
    return out;
  }

  fail(method: string, spec: FailSpec): this {
    this.failures.set(method, { ...spec, times: spec.times ?? 1 });
    return this;
  }

  addUser(user: {
    id: string;
    name?: string;
    real_name?: string;
    email?: string;
    tz?: string;
    deleted?: boolean;
    is_bot?: boolean;
  }): this {
    this.state.users.set(user.id, user);
    return this;
  }

  /** Sign in with Slack: the code `code` signs in `userId`. */
  setOpenIdCode(code: string, userId: string): this {
    this.state.openIdCodes.set(code, userId);
    return this;
  }

  callsTo(method: string): Record<string, any>[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  responseUrl(id: string): string {
    return `${this.origin}/response/${encodeURIComponent(id)}`;
  }

  async waitFor(
    method: string,
    predicate: (args: Record<string, any>) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<Record<string, any>> {
    const found = () => this.calls.find((c) => c.method === method && predicate(c.args))?.args;
    return this.until(
      found,
      timeoutMs,
      () => `no ${method} call matched; calls so far: ${this.calls.map((c) => c.method).join(', ') || 'none'}`,
    );
  }

  /** Every call to `method`, with its time. */
  of(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Like waitFor, but resolves with the whole call (method, args, time). */
  async waitForCall(
    method: string,
    predicate: (call: SlackCall) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<SlackCall> {
    const found = () => this.calls.find((c) => c.method === method && predicate(c));
    return this.until(
      found,
      timeoutMs,
      () => `no ${method} call matched; calls so far: ${this.calls.map((c) => c.method).join(', ') || 'none'}`,
    );
  }

  async waitForResponse(
    predicate: (r: ResponseUrlPost) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<ResponseUrlPost> {
    return this.until(
      () => this.responses.find(predicate),
      timeoutMs,
      () => `no response_url post matched; ${this.responses.length} seen`,
    );
  }

  assertNoUnexpectedCalls(): void {
    if (this.unexpectedCalls.length > 0) {
      throw new Error(
        `fake Slack got calls it was not told about: ${this.unexpectedCalls.map((c) => c.method).join(', ')}`,
      );
    }
  }

  reset(): void {
    this.calls.length = 0;
    this.unexpectedCalls.length = 0;
    this.rateLimited.length = 0;
    this.responses.length = 0;
    this.refusals.length = 0;
  }

  async socketConnected(timeoutMs = 5000): Promise<void> {
    await this.until(
      () => this.socket,
      timeoutMs,
      () => 'no Socket Mode client connected',
    );
  }

  /** Delivers a Socket Mode envelope and resolves with the client's ack. */
  async sendEnvelope(
    type: 'events_api' | 'slash_commands' | 'interactive',
    payload: unknown,
    timeoutMs = 5000,
  ): Promise<SocketAck> {
    await this.socketConnected(timeoutMs);
    const envelope_id = `env-${++this.envelopeSeq}`;
    const acked = new Promise<SocketAck>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no ack for ${envelope_id}`)), timeoutMs);
      this.acks.set(envelope_id, (a) => {
        clearTimeout(t);
        resolve(a);
      });
    });
    this.socket!.send(
      JSON.stringify({
        envelope_id,
        type,
        payload,
        accepts_response_payload: type !== 'events_api',
        retry_attempt: 0,
        retry_reason: '',
      }),
    );
    return acked;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onSocket(ws: WebSocket): void {
    this.socket = ws;
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as SocketAck;
      this.acks.get(msg.envelope_id)?.(msg);
      this.acks.delete(msg.envelope_id);
    });
    ws.on('close', () => {
      if (this.socket === ws) this.socket = undefined;
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake', approximate_connection_time: 18060 },
        connection_info: { app_id: 'A0TESTAPP' },
      }),
    );
    this.notify();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', this.origin).pathname;
    if (path.startsWith('/response/')) {
      const body = safeJson(raw) ?? {};
      this.responses.push({ id: decodeURIComponent(path.slice('/response/'.length)), body });
      this.notify();
      return send(res, 200, { ok: true });
    }
    if (!path.startsWith('/api/')) return send(res, 404, { ok: false, error: 'unknown_method' });
    const method = path.slice('/api/'.length);
    const args = decodeArgs(raw, req.headers['content-type']);
    const token =
      String(req.headers.authorization ?? '').replace(/^Bearer\s+/i, '') ||
      (typeof args.token === 'string' ? args.token : undefined);
    const call: SlackCall = { method, args, at: Date.now(), token };
    this.calls.push(call);
    this.notify();

    const handler = this.allowed.get(method);
    if (!handler) {
      this.unexpectedCalls.push(call);
      this.refuse(call, 'unknown_method');
      return send(res, 200, { ok: false, error: 'unknown_method' });
    }
    const failure = this.failures.get(method);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      if (failure.status === 429)
        return send(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter ?? 1) });
      if (failure.status === 500) return send(res, 500, { ok: false, error: 'internal_error' });
      return send(res, 200, { ok: false, error: failure.error ?? 'internal_error' });
    }
    const refusal = this.strict
      ? strictRefusal(method, args, token, {
          channels: this.state.channels,
          scopes: this.scopes,
          limiter: this.limiter,
          now: () => this.now(),
        })
      : undefined;
    if (refusal?.status === 429) {
      this.rateLimited.push(call);
      return send(res, 429, refusal.body, refusal.headers);
    }
    if (refusal) {
      this.refuse(
        call,
        refusal.body.error,
        (refusal.body.response_metadata as { messages?: string[] } | undefined)?.messages,
      );
      return send(res, 200, refusal.body, this.scopeHeader(token));
    }
    const limit = this.options.channelRateLimitPerSecond;
    if (limit && method === 'chat.postMessage' && typeof args.channel === 'string') {
      const now = Date.now();
      const last = this.lastPost.get(args.channel);
      if (last !== undefined && now - last < 1000 / limit) {
        this.rateLimited.push(call);
        return send(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
      }
      this.lastPost.set(args.channel, now);
    }
    try {
      send(res, 200, await handler(args, this.state, { token }), this.scopeHeader(token));
    } catch (err) {
      send(res, 200, { ok: false, error: err instanceof Error ? err.message : 'internal_error' });
    }
  }

  private get strict(): boolean {
    return this.options.strict ?? true;
  }

  private refuse(call: SlackCall, error: string, messages?: string[]): void {
    this.refusals.push({ method: call.method, error, args: call.args, messages });
    if (this.expected.has(error) || !this.strict) return;
    const detail = messages?.length ? `: ${messages.join('; ')}` : '';
    this.violations.push(`fake Slack refused ${call.method} with ${error}${detail}`);
  }

  /** Slack names a token's scopes on every answer; the WebClient hands them back as response_metadata.scopes. */
  private scopeHeader(token: string | undefined): Record<string, string> {
    return token?.startsWith('xoxb-') ? { 'x-oauth-scopes': this.scopes.join(',') } : {};
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }

  private until<T>(probe: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    const hit = probe();
    if (hit !== undefined) return Promise.resolve(hit);
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const v = probe();
        if (v === undefined) return;
        cleanup();
        resolve(v);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(describe()));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
    });
  }
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  return new FakeSlack(options).listen();
}

function safeJson(raw: string): Record<string, any> | undefined {
  try {
    return JSON.parse(raw) as Record<string, any>;
  } catch {
    return undefined;
  }
}

/** WebClient form-encodes arguments and JSON-encodes nested ones (blocks, view…); undo both. */
function decodeArgs(raw: string, contentType: string | undefined): Record<string, any> {
  if (contentType?.includes('application/json')) return safeJson(raw) ?? {};
  const out: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v) ? (safeJson(v) ?? v) : v;
  }
  return out;
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}
