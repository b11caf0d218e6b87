import type { FakeComment, FakeIssue, FakeLabel, FakeRepo } from './github-shapes';

export interface NewIssue {
  owner: string;
  repo: string;
  number?: number;
  title: string;
  body?: string;
  state?: 'open' | 'closed';
  state_reason?: string | null;
  labels?: string[];
}

/**
 * The fake GitHub's data: repositories with their issues, comments and labels.
 * Keys are lower-cased because GitHub's owner and repo names are case-insensitive.
 */
export class GitHubStore {
  readonly repos = new Map<string, FakeRepo>();
  /** Every issue by `owner/repo#number` (lower-cased repo), the same objects as in `repos`. */
  readonly issues = new Map<string, FakeIssue>();
  /** Every comment by id, the same objects as on their issues. */
  readonly comments = new Map<number, FakeComment>();
  /** Login of the token's user, the author of what the client creates. */
  botLogin = 'dutyloop-bot';
  private seq = 1000;

  nextId(): number {
    return ++this.seq;
  }

  /** `addRepo('acme/app', true)` or `addRepo({ owner, name, private })`. */
  addRepo(repo: string | { owner: string; name: string; private?: boolean }, isPrivate = false): FakeRepo {
    const [owner, name] = typeof repo === 'string' ? splitFullName(repo) : [repo.owner, repo.name];
    const existing = this.repos.get(`${owner}/${name}`.toLowerCase());
    if (existing) return existing;
    const r: FakeRepo = {
      id: this.nextId(),
      owner,
      name,
      fullName: `${owner}/${name}`,
      private: typeof repo === 'string' ? isPrivate : (repo.private ?? false),
      issues: new Map(),
      labels: new Map(),
    };
    this.repos.set(r.fullName.toLowerCase(), r);
    return r;
  }

  repo(fullName: string): FakeRepo | undefined {
    return this.repos.get(fullName.toLowerCase());
  }

  /** `addIssue('acme/app', 'Title', { body })` or `addIssue({ owner, repo, title, ... })`; the repo is created if needed. */
  addIssue(spec: string | NewIssue, title?: string, extra: Partial<FakeIssue> = {}): FakeIssue {
    const s: NewIssue = typeof spec === 'string' ? { ...splitRepo(spec), title: title ?? '', ...pickNew(extra) } : spec;
    const repo = this.repo(`${s.owner}/${s.repo}`) ?? this.addRepo({ owner: s.owner, name: s.repo });
    const number = s.number ?? Math.max(0, ...repo.issues.keys()) + 1;
    const now = new Date().toISOString();
    const issue: FakeIssue = {
      id: this.nextId(),
      number,
      title: s.title,
      body: s.body ?? '',
      state: s.state ?? 'open',
      state_reason: s.state_reason ?? null,
      labels: [],
      comments: [],
      user: this.botLogin,
      created_at: now,
      updated_at: now,
      closed_at: s.state === 'closed' ? now : null,
      ...(typeof spec === 'string' ? extra : {}),
    };
    for (const l of s.labels ?? []) this.ensureLabel(repo, l);
    issue.labels = [...(s.labels ?? issue.labels)];
    repo.issues.set(number, issue);
    this.issues.set(`${repo.fullName.toLowerCase()}#${number}`, issue);
    for (const c of issue.comments) this.comments.set(c.id, c);
    return issue;
  }

  issue(fullName: string, number: number): FakeIssue | undefined {
    return this.repo(fullName)?.issues.get(number);
  }

  /** The issue moved to another repository: its old address answers 301, as GitHub does. */
  transferIssue(from: { owner: string; repo: string; number: number }, to: { owner: string; repo: string }): FakeIssue {
    const old = this.issue(`${from.owner}/${from.repo}`, from.number);
    if (!old) throw new Error(`no issue ${from.owner}/${from.repo}#${from.number}`);
    const moved = this.addIssue({
      owner: to.owner,
      repo: to.repo,
      title: old.title,
      body: old.body,
      state: old.state,
      labels: old.labels,
    });
    old.movedTo = { fullName: `${to.owner}/${to.repo}`, number: moved.number };
    return moved;
  }

  /** The issue was deleted: its address answers 410 Gone. */
  deleteIssue(at: { owner: string; repo: string; number: number }): void {
    const i = this.issue(`${at.owner}/${at.repo}`, at.number);
    if (!i) throw new Error(`no issue ${at.owner}/${at.repo}#${at.number}`);
    i.deleted = true;
  }

  addComment(issue: FakeIssue, body: string, user = this.botLogin): FakeComment {
    const now = new Date().toISOString();
    const c: FakeComment = { id: this.nextId(), body, user, created_at: now, updated_at: now };
    issue.comments.push(c);
    this.comments.set(c.id, c);
    return c;
  }

  ensureLabel(repo: FakeRepo, name: string, color = 'ededed', description: string | null = null): FakeLabel {
    const key = name.toLowerCase();
    const existing = repo.labels.get(key);
    if (existing) return existing;
    const l: FakeLabel = { id: this.nextId(), name, color, description };
    repo.labels.set(key, l);
    return l;
  }
}

function splitFullName(full: string): [string, string] {
  const [owner, name] = full.split('/');
  if (!owner || !name) throw new Error(`expected owner/name, got ${full}`);
  return [owner, name];
}

function splitRepo(full: string): { owner: string; repo: string } {
  const [owner, repo] = splitFullName(full);
  return { owner, repo };
}

function pickNew(extra: Partial<FakeIssue>): Partial<NewIssue> {
  const { body, state, state_reason, labels, number } = extra;
  return { body, state, state_reason, labels, number };
}
