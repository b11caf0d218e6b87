/**
 * GitHub REST response bodies, field for field as in the recorded octokit
 * fixtures (shared/fixtures/github/rest/*.json), so a client that checks
 * responses sees what api.github.com sends.
 */
export interface FakeComment {
  id: number;
  body: string;
  user: string;
  created_at: string;
  updated_at: string;
}
export interface FakeLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
}
export interface FakeIssue {
  id: number;
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: string[];
  comments: FakeComment[];
  user: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  /** Set by `transferIssue`: the API answers 301 to the new place. */
  movedTo?: { fullName: string; number: number };
  /** Set by `deleteIssue`: the API answers 410 Gone. */
  deleted?: boolean;
}
export interface FakeRepo {
  id: number;
  owner: string;
  name: string;
  fullName: string;
  private: boolean;
  issues: Map<number, FakeIssue>;
  /** By lower-cased name: GitHub label names are case-insensitive. */
  labels: Map<string, FakeLabel>;
}

export const docsUrl = 'https://docs.github.com/rest';
export const rateLimitDocsUrl = 'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting';

export function userJson(login: string) {
  const api = `https://api.github.com/users/${login}`;
  return {
    login,
    id: 1000,
    node_id: 'MDA6RW50aXR5MQ==',
    avatar_url: 'https://avatars.githubusercontent.com/u/1000?v=4',
    gravatar_id: '',
    url: api,
    html_url: `https://github.com/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: 'User',
    site_admin: false,
  };
}

export function labelJson(base: string, repo: FakeRepo, l: FakeLabel) {
  return {
    id: l.id,
    node_id: nodeId('LA', l.id),
    url: `${base}/repos/${repo.fullName}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    color: l.color,
    default: false,
    description: l.description,
  };
}

export function issueJson(base: string, repo: FakeRepo, i: FakeIssue) {
  const api = `${base}/repos/${repo.fullName}/issues/${i.number}`;
  const labels = i.labels.map(
    (name) => repo.labels.get(name.toLowerCase()) ?? { id: 0, name, color: 'ededed', description: null },
  );
  return {
    url: api,
    repository_url: `${base}/repos/${repo.fullName}`,
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: `https://github.com/${repo.fullName}/issues/${i.number}`,
    id: i.id,
    node_id: nodeId('I', i.id),
    number: i.number,
    title: i.title,
    user: userJson(i.user),
    labels: labels.map((l) => labelJson(base, repo, l)),
    state: i.state,
    locked: false,
    assignee: null,
    assignees: [],
    milestone: null,
    comments: i.comments.length,
    created_at: i.created_at,
    updated_at: i.updated_at,
    closed_at: i.closed_at,
    author_association: 'MEMBER',
    active_lock_reason: null,
    body: i.body || null,
    reactions: {
      url: `${api}/reactions`,
      total_count: 0,
      '+1': 0,
      '-1': 0,
      laugh: 0,
      hooray: 0,
      confused: 0,
      heart: 0,
      rocket: 0,
      eyes: 0,
    },
    timeline_url: `${api}/timeline`,
    performed_via_github_app: null,
    state_reason: i.state_reason,
  };
}

export function commentJson(base: string, repo: FakeRepo, issueNumber: number, c: FakeComment) {
  return {
    url: `${base}/repos/${repo.fullName}/issues/comments/${c.id}`,
    html_url: `https://github.com/${repo.fullName}/issues/${issueNumber}#issuecomment-${c.id}`,
    issue_url: `${base}/repos/${repo.fullName}/issues/${issueNumber}`,
    id: c.id,
    node_id: nodeId('IC', c.id),
    user: userJson(c.user),
    created_at: c.created_at,
    updated_at: c.updated_at,
    author_association: 'MEMBER',
    body: c.body,
    performed_via_github_app: null,
  };
}

export function repoJson(base: string, r: FakeRepo) {
  return {
    id: r.id,
    node_id: nodeId('R', r.id),
    name: r.name,
    full_name: r.fullName,
    private: r.private,
    owner: userJson(r.owner),
    html_url: `https://github.com/${r.fullName}`,
    description: null,
    fork: false,
    url: `${base}/repos/${r.fullName}`,
    visibility: r.private ? 'private' : 'public',
    has_issues: true,
    open_issues_count: [...r.issues.values()].filter((i) => i.state === 'open').length,
    default_branch: 'main',
    archived: false,
    disabled: false,
  };
}

/** GitHub's node ids are opaque base64; only their stability matters. */
export function nodeId(prefix: string, id: number): string {
  return `${prefix}_${Buffer.from(`0:${prefix}${id}`).toString('base64').replace(/=+$/, '')}`;
}
