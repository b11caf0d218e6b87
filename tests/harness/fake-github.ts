import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local GitHub REST server for the feedback tests (issues, comments, search,
 * repos), answering in GitHub's wire format. Requests it does not know fail
 * the test through `unexpected`.
 */
export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: string[];
  comments: { id: number; body: string }[];
}

export interface FakeGitHub {
  url: string;
  repos: Map<string, { private: boolean; issues: Map<number, FakeIssue> }>;
  requests: { method: string; path: string; body?: unknown }[];
  unexpected: string[];
  addRepo(fullName: string, isPrivate?: boolean): void;
  addIssue(fullName: string, title: string, extra?: Partial<FakeIssue>): FakeIssue;
  /** The next `times` requests (matching `path` if given) answer with this status. */
  fail(opts: { status: number; times?: number; headers?: Record<string, string>; message?: string; path?: RegExp }): void;
  delayMs: number;
  stop(): Promise<void>;
}

export async function startFakeGitHub(): Promise<FakeGitHub> {
  const repos: FakeGitHub['repos'] = new Map();
  const requests: FakeGitHub['requests'] = [];
  const unexpected: string[] = [];
  const failures: { status: number; times: number; headers: Record<string, string>; message: string; path?: RegExp }[] = [];
  let commentId = 1000;
  let base = '';

  const issueJson = (full: string, i: FakeIssue) => ({
    url: `${base}/repos/${full}/issues/${i.number}`,
    repository_url: `${base}/repos/${full}`,
    html_url: `https://github.com/${full}/issues/${i.number}`,
    id: i.number * 7,
    node_id: `I_${i.number}`,
    number: i.number,
    title: i.title,
    body: i.body,
    state: i.state,
    state_reason: i.state_reason,
    labels: i.labels.map((name, k) => ({ id: k + 1, name })),
    comments: i.comments.length,
    user: { login: 'dutyloop-bot', id: 1 },
  });

  const fake: FakeGitHub = {
    url: '',
    repos,
    requests,
    unexpected,
    delayMs: 0,
    addRepo(fullName, isPrivate = false) {
      repos.set(fullName.toLowerCase(), { private: isPrivate, issues: new Map() });
    },
    addIssue(fullName, title, extra = {}) {
      const repo = repos.get(fullName.toLowerCase());
      if (!repo) throw new Error(`no repo ${fullName}`);
      const number = repo.issues.size + 1;
      const issue: FakeIssue = { number, title, body: '', state: 'open', state_reason: null, labels: [], comments: [], ...extra };
      repo.issues.set(number, issue);
      return issue;
    },
    fail({ status, times = 1, headers = {}, message = 'failure', path }) {
      failures.push({ status, times, headers, message, path });
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', async () => {
      if (fake.delayMs) await new Promise((r) => setTimeout(r, fake.delayMs));
      const u = new URL(req.url ?? '/', 'http://x');
      const body = raw ? JSON.parse(raw) : undefined;
      requests.push({ method: req.method ?? 'GET', path: u.pathname + u.search, body });
      const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4999', ...headers });
        res.end(data === undefined ? '' : JSON.stringify(data));
      };
      if (!/^(token|Bearer) /.test(req.headers.authorization ?? '')) return send(401, { message: 'Requires authentication' });
      const f = failures.find((x) => x.times > 0 && (!x.path || x.path.test(u.pathname)));
      if (f) {
        f.times--;
        return send(f.status, { message: f.message, documentation_url: 'https://docs.github.com/rest' }, f.headers);
      }
      const notFound = () => send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
      let m: RegExpExecArray | null;
      if (req.method === 'GET' && u.pathname === '/search/issues') {
        const q = u.searchParams.get('q') ?? '';
        const repoNames = [...q.matchAll(/repo:(\S+)/g)].map((x) => x[1]!.toLowerCase());
        const words = q.replace(/\b(repo|is):\S+/g, '').toLowerCase().split(/\s+/).filter(Boolean);
        const items = [];
        for (const name of repoNames) {
          const repo = repos.get(name);
          for (const i of repo?.issues.values() ?? []) {
            const text = `${i.title} ${i.body}`.toLowerCase();
            if (words.every((w) => text.includes(w))) items.push(issueJson(name, i));
          }
        }
        return send(200, { total_count: items.length, incomplete_results: false, items });
      }
      if ((m = /^\/repos\/([^/]+\/[^/]+)$/.exec(u.pathname)) && req.method === 'GET') {
        const repo = repos.get(m[1]!.toLowerCase());
        return repo ? send(200, { id: 1, full_name: m[1], name: m[1]!.split('/')[1], private: repo.private, visibility: repo.private ? 'private' : 'public' }) : notFound();
      }
      if ((m = /^\/repos\/([^/]+\/[^/]+)\/issues$/.exec(u.pathname)) && req.method === 'POST') {
        const repo = repos.get(m[1]!.toLowerCase());
        if (!repo) return notFound();
        const i = fake.addIssue(m[1]!, body.title, { body: body.body ?? '', labels: body.labels ?? [] });
        return send(201, issueJson(m[1]!, i));
      }
      if ((m = /^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)$/.exec(u.pathname)) && req.method === 'GET') {
        const i = repos.get(m[1]!.toLowerCase())?.issues.get(Number(m[2]));
        return i ? send(200, issueJson(m[1]!, i)) : notFound();
      }
      if ((m = /^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/.exec(u.pathname))) {
        const i = repos.get(m[1]!.toLowerCase())?.issues.get(Number(m[2]));
        if (!i) return notFound();
        if (req.method === 'GET') return send(200, i.comments.map((c) => ({ id: c.id, body: c.body, user: { login: 'dutyloop-bot' } })));
        if (req.method === 'POST') {
          const c = { id: ++commentId, body: body.body };
          i.comments.push(c);
          return send(201, { id: c.id, body: c.body });
        }
      }
      if ((m = /^\/repos\/([^/]+\/[^/]+)\/issues\/comments\/(\d+)$/.exec(u.pathname)) && req.method === 'PATCH') {
        for (const i of repos.get(m[1]!.toLowerCase())?.issues.values() ?? []) {
          const c = i.comments.find((x) => x.id === Number(m![2]));
          if (c) {
            c.body = body.body;
            return send(200, { id: c.id, body: c.body });
          }
        }
        return notFound();
      }
      unexpected.push(`${req.method} ${u.pathname}`);
      return notFound();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.url = base;
  return fake;
}
