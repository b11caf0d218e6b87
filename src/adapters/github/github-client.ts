import { type CallObserver, observed } from '../outbound-calls';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck';
import { z } from 'zod';
import { demandCommentBody, demandMarker } from '../../domain/feedback/writeback-text';
import type { DemandSummary, IssueTracker, TrackerIssue } from '../../services/ports/issue-tracker';
import { githubIssue, githubRepository } from './issue-schema';

const issueSchema = githubIssue.extend({ repository_url: z.string(), pull_request: z.unknown().optional() });
const searchSchema = z.object({ items: z.array(issueSchema) });
const repoSchema = githubRepository.extend({ private: z.boolean() });
const commentSchema = z.object({ id: z.number(), body: z.string().nullish() });

export interface GitHubOptions {
  token: string;
  apiUrl: string;
  repos: string[];
  label: string;
  fetch?: typeof fetch;
  /** A call that has not answered by then is abandoned and fails like a network error (default 15 s). */
  timeoutMs?: number;
  /** Told how each call to GitHub ended (for /metrics). */
  onCall?: CallObserver;
}

/** A server that accepts and never answers must not hold an outbox lane forever. */
function fetchWithTimeout(inner: typeof fetch, ms: number): typeof fetch {
  return (input, init) => {
    const deadline = AbortSignal.timeout(ms);
    return inner(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline });
  };
}

/** Octokit with GitHub's own handling of its primary and secondary rate limits, and of 5xx blips. */
const GitHubOctokit = Octokit.plugin(throttling, retry);

/**
 * A rate limit is waited out inside the call only when GitHub asks for a few
 * seconds, and once; a longer wait fails the call so the outbox schedules it
 * at GitHub's Retry-After (by dutyloop's clock) instead of holding a lane.
 */
const maxInlineWaitS = 3;
const waitInline = (retryAfterS: number, _options: unknown, _octokit: unknown, retryCount: number) =>
  retryCount < 1 && retryAfterS > 0 && retryAfterS <= maxInlineWaitS;

/**
 * The plugin's queues, one call at a time but without its real-time gaps (1 s
 * between writes, 2–3 s between searches and notifying writes): the outbox
 * spaces writes by dutyloop's clock (one per issue per minute), and a gap kept
 * on the machine's clock would hold an outbox lane while ignoring that one.
 */
const oneAtATime = () => new Bottleneck.Group({ maxConcurrent: 1 });

let trackerSeq = 0;

const refPattern = /^(?:https?:\/\/[^/]+\/)?([\w.-]+)\/([\w.-]+)(?:#|\/issues\/)(\d+)\/?$/;

/** GitHub Issues through Octokit; every response is checked before use. */
export class GitHubTracker implements IssueTracker {
  readonly provider = 'github' as const;
  private readonly octokit: Octokit;
  /** Repository visibility by lower-cased full name, with when it was read (the caller's clock). */
  private readonly privacy = new Map<string, { isPrivate: boolean; checkedAt: number | null }>();

  constructor(private readonly opts: GitHubOptions) {
    this.octokit = new GitHubOctokit({
      auth: opts.token,
      baseUrl: opts.apiUrl.replace(/\/$/, ''),
      request: { fetch: fetchWithTimeout(opts.fetch ?? fetch, opts.timeoutMs ?? 15_000) },
      log: { debug() {}, info() {}, warn() {}, error() {} },
      throttle: {
        id: `dutyloop-github-${++trackerSeq}`,
        onRateLimit: waitInline,
        onSecondaryRateLimit: waitInline,
        write: oneAtATime(),
        search: oneAtATime(),
        notifications: oneAtATime(),
      },
      // One quick retry of a 5xx or a dropped connection; the outbox retries after that. Rate limits are the throttle's.
      retry: { retries: 1, retryAfterBaseValue: 500, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
    });
    const { onCall } = opts;
    // Outermost, so a call retried by the plugins counts once, with its final outcome; the route template keeps labels few.
    if (onCall)
      this.octokit.hook.wrap('request', (request, options) =>
        observed(onCall, 'github', `${options.method} ${options.url}`, async () => request(options)),
      );
  }

  parseRef(text: string): string | null {
    const m = refPattern.exec(text.trim());
    return m ? `${m[1]}/${m[2]}#${m[3]}` : null;
  }

  isConfigured(issue: TrackerIssue): boolean {
    const repo = issue.container ?? issue.externalId.split('#')[0];
    return this.opts.repos.some((r) => r.toLowerCase() === repo?.toLowerCase());
  }

  private async isPrivate(fullName: string, fresh?: { now: number; maxAgeMs: number } | 'always'): Promise<boolean> {
    const cached = this.privacy.get(fullName.toLowerCase());
    const stale =
      fresh === 'always' ||
      (fresh &&
        (cached?.checkedAt == null || fresh.now - cached.checkedAt > fresh.maxAgeMs || fresh.now < cached.checkedAt));
    if (cached !== undefined && !stale) return cached.isPrivate;
    const [owner, repo] = fullName.split('/') as [string, string];
    const res = await this.octokit.rest.repos.get({ owner, repo });
    const parsed = repoSchema.parse(res.data);
    this.privacy.set(fullName.toLowerCase(), {
      isPrivate: parsed.private,
      checkedAt: typeof fresh === 'object' ? fresh.now : (cached?.checkedAt ?? null),
    });
    return parsed.private;
  }

  /**
   * Whether the issue's repository is private, read again when the last read is
   * older than maxAgeMs: a repository made public must stop receiving names.
   */
  async visibilityOf(issue: TrackerIssue, now: number, maxAgeMs: number): Promise<boolean> {
    const repo = issue.container ?? issue.externalId.split('#')[0]!;
    return this.isPrivate(repo, { now, maxAgeMs });
  }

  private async toIssue(raw: z.infer<typeof issueSchema>): Promise<TrackerIssue> {
    const fullName = raw.repository_url.replace(/^.*\/repos\//, '');
    return {
      provider: 'github',
      externalId: `${fullName}#${raw.number}`,
      key: `${fullName}#${raw.number}`,
      title: raw.title,
      url: raw.html_url,
      state: raw.state,
      isPrivate: await this.isPrivate(fullName),
      container: fullName,
      closedReason:
        raw.state === 'closed' ? (raw.state_reason === 'not_planned' ? 'canceled' : 'completed') : undefined,
    };
  }

  async search(query: string, limit: number): Promise<TrackerIssue[]> {
    if (this.opts.repos.length === 0) return [];
    const terms = query.replace(/[^\p{L}\p{N}\s#-]/gu, ' ').trim();
    const q = `${terms} ${this.opts.repos.map((r) => `repo:${r}`).join(' ')} is:issue`.trim();
    const res = await this.octokit.rest.search.issuesAndPullRequests({ q, per_page: limit });
    const items = searchSchema.parse(res.data).items.filter((i) => !i.pull_request);
    return Promise.all(items.slice(0, limit).map((i) => this.toIssue(i)));
  }

  async get(externalId: string): Promise<TrackerIssue | null> {
    const m = /^([\w.-]+)\/([\w.-]+)#(\d+)$/.exec(externalId);
    if (!m) return null;
    try {
      const res = await this.octokit.rest.issues.get({ owner: m[1]!, repo: m[2]!, issue_number: Number(m[3]) });
      return await this.toIssue(issueSchema.parse(res.data));
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status === 404 || status === 410) return null;
      throw err;
    }
  }

  /** Read at every creation (a rare, human act): what it sends depends on the answer. */
  async createsPrivate(): Promise<boolean> {
    const target = this.opts.repos[0];
    return target ? this.isPrivate(target, 'always') : false;
  }

  async create(input: { title: string; body: string }): Promise<TrackerIssue> {
    const target = this.opts.repos[0];
    if (!target) throw new Error('no GitHub repository is configured');
    const [owner, repo] = target.split('/') as [string, string];
    const res = await this.octokit.rest.issues.create({
      owner,
      repo,
      title: input.title,
      body: input.body,
      labels: [this.opts.label],
    });
    return this.toIssue(issueSchema.parse(res.data));
  }

  /** One comment per issue, found by its hidden marker and edited in place. */
  async writeDemand(issue: TrackerIssue, summary: DemandSummary): Promise<void> {
    const m = /^([\w.-]+)\/([\w.-]+)#(\d+)$/.exec(issue.externalId);
    if (!m) throw new Error(`not a GitHub issue id: ${issue.externalId}`);
    const [owner, repo, issue_number] = [m[1]!, m[2]!, Number(m[3])];
    // Never a customer on a public repository, whatever the caller decided.
    const body = demandCommentBody(summary.text, summary.dashboardUrl, issue.isPrivate ? summary.customers : []);
    let existing: number | undefined;
    for await (const page of this.octokit.paginate.iterator(this.octokit.rest.issues.listComments, {
      owner,
      repo,
      issue_number,
      per_page: 100,
    })) {
      const found = z
        .array(commentSchema)
        .parse(page.data)
        .find((c) => c.body?.includes(demandMarker));
      if (found) {
        existing = found.id;
        break;
      }
    }
    if (existing !== undefined) {
      await this.octokit.rest.issues.updateComment({ owner, repo, comment_id: existing, body });
    } else {
      await this.octokit.rest.issues.createComment({ owner, repo, issue_number, body });
    }
  }
}
