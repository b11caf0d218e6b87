import { notFound, validationFailed, type GitHubReply } from './github-failures';
import { commentJson, docsUrl, issueJson, labelJson, repoJson, type FakeIssue, type FakeRepo } from './github-shapes';
import type { GitHubStore } from './github-store';

export interface RouteRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: any;
  base: string;
}
export interface Route {
  /** Octokit's method name, e.g. `issues.create`. */
  name: string;
  /** Octokit's route, e.g. `POST /repos/{owner}/{repo}/issues`. */
  key: string;
  pattern: RegExp;
  handle(store: GitHubStore, req: RouteRequest): GitHubReply;
}

const ok = (body: unknown, status = 200, headers: Record<string, string> = {}): GitHubReply => ({
  status,
  body,
  headers,
});

function route(name: string, key: string, handle: Route['handle']): Route {
  const [, path] = key.split(' ');
  const source = path!.replace(/[.]/g, '\\.').replace(/\{(\w+)\}/g, (_m, p: string) => `(?<${p}>[^/]+)`);
  return { name, key, pattern: new RegExp(`^${source}$`), handle };
}

function repoOf(store: GitHubStore, p: Record<string, string>): FakeRepo | undefined {
  return store.repo(`${p.owner}/${p.repo}`);
}

/** An issue as GitHub serves it: 301 when transferred, 410 when deleted, 404 when unknown. */
function findIssue(store: GitHubStore, req: RouteRequest): { repo: FakeRepo; issue: FakeIssue } | GitHubReply {
  const repo = repoOf(store, req.params);
  const issue = repo?.issues.get(Number(req.params.issue_number));
  if (!repo || !issue) return notFound();
  if (issue.deleted)
    return { status: 410, body: { message: 'This issue was deleted', documentation_url: docsUrl }, headers: {} };
  if (issue.movedTo) {
    const target = store.repo(issue.movedTo.fullName)!;
    const location = `${req.base}/repositories/${target.id}/issues/${issue.movedTo.number}`;
    return {
      status: 301,
      body: { message: 'Moved Permanently', url: location, documentation_url: docsUrl },
      headers: { location },
    };
  }
  return { repo, issue };
}

const isReply = (x: object): x is GitHubReply => 'status' in x;

function touch(i: FakeIssue): void {
  i.updated_at = new Date().toISOString();
}

/** One page of a list, with the `link` header Octokit's paginate follows. */
function page<T>(items: T[], req: RouteRequest, path: string): GitHubReply {
  const perPage = Number(req.query.get('per_page') ?? 30);
  const n = Number(req.query.get('page') ?? 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const links: string[] = [];
  const at = (p: number) => `<${req.base}${path}?per_page=${perPage}&page=${p}>`;
  if (n < last) links.push(`${at(n + 1)}; rel="next"`, `${at(last)}; rel="last"`);
  if (n > 1) links.push(`${at(1)}; rel="first"`, `${at(n - 1)}; rel="prev"`);
  return ok(items.slice((n - 1) * perPage, n * perPage), 200, links.length ? { link: links.join(', ') } : {});
}

export const routes: Route[] = [
  route('repos.get', 'GET /repos/{owner}/{repo}', (s, r) => {
    const repo = repoOf(s, r.params);
    return repo ? ok(repoJson(r.base, repo)) : notFound();
  }),
  route('search.issuesAndPullRequests', 'GET /search/issues', (s, r) => {
    const q = r.query.get('q') ?? '';
    const repoNames = [...q.matchAll(/\brepo:(\S+)/g)].map((m) => m[1]!.toLowerCase());
    const state = /\b(?:is|state):(open|closed)\b/.exec(q)?.[1];
    const labels = [...q.matchAll(/\blabel:("[^"]+"|\S+)/g)].map((m) => m[1]!.replace(/"/g, '').toLowerCase());
    const words = q
      .replace(/\b\w+:("[^"]+"|\S+)/g, '')
      .toLowerCase()
      .split(/\s+/)
      .filter(Boolean);
    const repos = repoNames.length
      ? repoNames.map((n) => s.repo(n)).filter((x): x is FakeRepo => !!x)
      : [...s.repos.values()];
    const items = repos.flatMap((repo) =>
      [...repo.issues.values()]
        .filter((i) => !i.deleted && !i.movedTo && (!state || i.state === state))
        .filter((i) => labels.every((l) => i.labels.some((x) => x.toLowerCase() === l)))
        .filter((i) => words.every((w) => `${i.title} ${i.body}`.toLowerCase().includes(w)))
        .map((i) => ({ ...issueJson(r.base, repo, i), score: 1 })),
    );
    const perPage = Number(r.query.get('per_page') ?? 30);
    return ok({ total_count: items.length, incomplete_results: false, items: items.slice(0, perPage) });
  }),
  route('issues.get', 'GET /repos/{owner}/{repo}/issues/{issue_number}', (s, r) => {
    const f = findIssue(s, r);
    return isReply(f) ? f : ok(issueJson(r.base, f.repo, f.issue));
  }),
  // Where a transferred issue's 301 points.
  route('issues.getById', 'GET /repositories/{repository_id}/issues/{issue_number}', (s, r) => {
    const repo = [...s.repos.values()].find((x) => String(x.id) === r.params.repository_id);
    const issue = repo?.issues.get(Number(r.params.issue_number));
    return repo && issue ? ok(issueJson(r.base, repo, issue)) : notFound();
  }),
  route('issues.create', 'POST /repos/{owner}/{repo}/issues', (s, r) => {
    const repo = repoOf(s, r.params);
    if (!repo) return notFound();
    if (!r.body?.title) return validationFailed('Issue', 'missing_field', 'title');
    const labels = (r.body.labels ?? []).map((l: string | { name: string }) => (typeof l === 'string' ? l : l.name));
    const i = s.addIssue({ owner: repo.owner, repo: repo.name, title: r.body.title, body: r.body.body ?? '', labels });
    return ok(issueJson(r.base, repo, i), 201, { location: `${r.base}/repos/${repo.fullName}/issues/${i.number}` });
  }),
  route('issues.update', 'PATCH /repos/{owner}/{repo}/issues/{issue_number}', (s, r) => {
    const f = findIssue(s, r);
    if (isReply(f)) return f;
    const { issue } = f;
    for (const k of ['title', 'body'] as const) if (typeof r.body?.[k] === 'string') issue[k] = r.body[k];
    if (r.body?.state === 'closed' || r.body?.state === 'open') {
      issue.closed_at = r.body.state === 'closed' ? new Date().toISOString() : null;
      issue.state_reason =
        r.body.state === 'closed' ? (r.body.state_reason ?? 'completed') : (r.body.state_reason ?? null);
      issue.state = r.body.state;
    }
    if (Array.isArray(r.body?.labels))
      issue.labels = r.body.labels.map((l: string | { name: string }) => (typeof l === 'string' ? l : l.name));
    touch(issue);
    return ok(issueJson(r.base, f.repo, issue));
  }),
  route('issues.listComments', 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments', (s, r) => {
    const f = findIssue(s, r);
    if (isReply(f)) return f;
    const all = f.issue.comments.map((c) => commentJson(r.base, f.repo, f.issue.number, c));
    return page(all, r, `/repos/${f.repo.fullName}/issues/${f.issue.number}/comments`);
  }),
  route('issues.createComment', 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments', (s, r) => {
    const f = findIssue(s, r);
    if (isReply(f)) return f;
    if (typeof r.body?.body !== 'string') return validationFailed('IssueComment', 'missing_field', 'body');
    const c = s.addComment(f.issue, r.body.body);
    touch(f.issue);
    return ok(commentJson(r.base, f.repo, f.issue.number, c), 201, {
      location: `${r.base}/repos/${f.repo.fullName}/issues/comments/${c.id}`,
    });
  }),
  route('issues.updateComment', 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', (s, r) => {
    const repo = repoOf(s, r.params);
    const id = Number(r.params.comment_id);
    const issue = [...(repo?.issues.values() ?? [])].find((i) => i.comments.some((c) => c.id === id));
    const c = issue?.comments.find((x) => x.id === id);
    if (!repo || !issue || !c) return notFound();
    c.body = String(r.body?.body ?? '');
    c.updated_at = new Date().toISOString();
    return ok(commentJson(r.base, repo, issue.number, c));
  }),
  route('issues.addLabels', 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels', (s, r) => {
    const f = findIssue(s, r);
    if (isReply(f)) return f;
    const names: string[] = (Array.isArray(r.body) ? r.body : (r.body?.labels ?? [])).map(
      (l: string | { name: string }) => (typeof l === 'string' ? l : l.name),
    );
    for (const n of names) {
      s.ensureLabel(f.repo, n);
      if (!f.issue.labels.some((x) => x.toLowerCase() === n.toLowerCase())) f.issue.labels.push(n);
    }
    touch(f.issue);
    return ok(f.issue.labels.map((n) => labelJson(r.base, f.repo, s.ensureLabel(f.repo, n))));
  }),
  route('issues.getLabel', 'GET /repos/{owner}/{repo}/labels/{name}', (s, r) => {
    const repo = repoOf(s, r.params);
    const l = repo?.labels.get(decodeURIComponent(r.params.name!).toLowerCase());
    return repo && l ? ok(labelJson(r.base, repo, l)) : notFound();
  }),
  route('issues.createLabel', 'POST /repos/{owner}/{repo}/labels', (s, r) => {
    const repo = repoOf(s, r.params);
    if (!repo) return notFound();
    const name = String(r.body?.name ?? '');
    const color = String(r.body?.color ?? 'ededed').replace(/^#/, '');
    if (!/^[0-9a-f]{6}$/i.test(color)) return validationFailed('Label', 'invalid', 'color');
    if (!name) return validationFailed('Label', 'missing_field', 'name');
    if (repo.labels.has(name.toLowerCase())) return validationFailed('Label', 'already_exists', 'name');
    return ok(labelJson(r.base, repo, s.ensureLabel(repo, name, color, r.body?.description ?? null)), 201);
  }),
];
