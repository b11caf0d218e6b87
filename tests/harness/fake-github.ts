import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { failureReply, notFound, type GitHubFailSpec, type GitHubFailure, type GitHubReply } from './github-failures';
import { routes } from './github-routes';
import { GitHubStore } from './github-store';
import { closeServer, fakeServer, readBody } from './http';

export type { FakeComment, FakeIssue, FakeLabel, FakeRepo } from './github-shapes';
export type { GitHubFailSpec } from './github-failures';
export type { NewIssue } from './github-store';
export { postGitHubWebhook, signGitHubWebhook } from './webhook-requests';

export interface GitHubCall {
  method: string;
  /** Path with the query string, as requested. */
  path: string;
  /** The Octokit method name (`issues.create`), or undefined for an unknown route. */
  route?: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body?: any;
  status: number;
  at: number;
}

/**
 * GitHub's REST API on 127.0.0.1 for Octokit (`new Octokit({ baseUrl: gh.url })`):
 * the issue, comment, label, search and repo routes an integration needs, with
 * bodies shaped like the recorded octokit fixtures. A request for a route it
 * does not serve is 404 and recorded in `unexpected`, so the test can fail.
 */
export class FakeGitHub extends GitHubStore {
  url = '';
  readonly calls: GitHubCall[] = [];
  /** `METHOD /path` of each request no route served. */
  readonly unexpected: string[] = [];
  /** Milliseconds every answer waits (to test timeouts and concurrency). */
  delayMs = 0;
  private readonly failures: GitHubFailure[] = [];
  private readonly server = fakeServer((req, res) => this.handle(req, res));

  /** The older name of `calls`. */
  get requests(): GitHubCall[] {
    return this.calls;
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Calls to one route, by Octokit method name (`issues.createComment`) or route key (`POST /repos/{owner}/{repo}/issues/{issue_number}/comments`). */
  callsTo(route: string): GitHubCall[] {
    const r = routes.find((x) => x.name === route || x.key === route);
    if (!r) throw new Error(`fake GitHub has no route ${route}; it serves ${routes.map((x) => x.name).join(', ')}`);
    return this.calls.filter((c) => c.route === r.name);
  }

  /**
   * The next `times` (default 1, Infinity allowed) calls to `route` (name, key or `*`) fail as GitHub fails.
   * The older form `fail({ status, path?, message?, headers?, times? })` fails any request whose path matches.
   */
  fail(route: string, spec: GitHubFailSpec): this;
  fail(spec: GitHubFailSpec & { path?: RegExp }): this;
  fail(a: string | (GitHubFailSpec & { path?: RegExp }), b?: GitHubFailSpec): this {
    if (typeof a === 'string') {
      if (a !== '*' && !routes.some((r) => r.name === a || r.key === a))
        throw new Error(`fake GitHub has no route ${a}`);
      this.failures.push({ route: a, spec: b!, times: b!.times ?? 1 });
    } else {
      this.failures.push({ route: '*', path: a.path, spec: a, times: a.times ?? 1 });
    }
    return this;
  }

  assertNoUnexpectedCalls(): void {
    if (this.unexpected.length)
      throw new Error(`fake GitHub got requests it does not serve: ${this.unexpected.join(', ')}`);
  }

  reset(): void {
    this.calls.length = 0;
    this.unexpected.length = 0;
    this.failures.length = 0;
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }

  /** The older name of `close`. */
  stop(): Promise<void> {
    return this.close();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const raw = await readBody(req);
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    const u = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      return send(res, {
        status: 400,
        body: { message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/rest' },
        headers: {},
      });
    }
    const match = routes
      .filter((r) => r.key.startsWith(`${method} `))
      .map((r) => ({ r, m: r.pattern.exec(u.pathname) }))
      .find((x) => x.m);
    const params = Object.fromEntries(
      Object.entries(match?.m?.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]),
    );
    const call: GitHubCall = {
      method,
      path: u.pathname + u.search,
      route: match?.r.name,
      params,
      query: Object.fromEntries(u.searchParams),
      body,
      status: 0,
      at: Date.now(),
    };
    this.calls.push(call);

    let reply: GitHubReply;
    if (!/^(token|bearer) \S+/i.test(req.headers.authorization ?? '')) {
      reply = {
        status: 401,
        body: { message: 'Requires authentication', documentation_url: 'https://docs.github.com/rest' },
        headers: {},
      };
    } else if (!match) {
      this.unexpected.push(`${method} ${u.pathname}`);
      reply = notFound();
    } else {
      const f = this.failures.find(
        (x) =>
          x.times > 0 &&
          (x.route === '*' || x.route === match.r.name || x.route === match.r.key) &&
          (!x.path || x.path.test(u.pathname)),
      );
      if (f) {
        f.times -= 1;
        reply = failureReply(f.spec);
      } else {
        reply = match.r.handle(this, { params, query: u.searchParams, body, base: this.url });
      }
    }
    call.status = reply.status;
    send(res, reply);
  }
}

export async function startFakeGitHub(): Promise<FakeGitHub> {
  return new FakeGitHub().listen();
}

function send(res: http.ServerResponse, reply: GitHubReply): void {
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'x-github-media-type': 'github.v3; format=json',
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '4999',
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
    'x-ratelimit-resource': 'core',
    ...reply.headers,
  });
  res.end(reply.status === 204 ? '' : JSON.stringify(reply.body));
}
