import { startFakeGitHub, type FakeGitHub } from '../../harness/fake-github';
import { startFakeSlack, type FakeSlack } from '../../harness/fake-slack';
import { startTestApp, type TestApp } from '../../support/app';
import { RunningClock } from '../../tickets/support/world';
import { createApiToken } from '../../../src/services/tickets/create-api-token';
import { changeTicket } from '../../../src/services/tickets/change-ticket';
import { linkTicketToIssue } from '../../../src/services/feedback/link-ticket';

export const repo = 'acme/app';
export const resolver = 'U0RESOLVER1';

/** The real server with the fake Slack and GitHub, and an API token for /api/*. */
export interface SearchWorld {
  app: TestApp;
  slack: FakeSlack;
  gh: FakeGitHub;
  token: string;
  /** POST /api/tickets; returns the new ticket's id. */
  intake(body: { externalId: string; subject?: string; text: string }): Promise<number>;
  /** Resolves through the service the Slack Resolve dialog calls. */
  resolve(ticketId: number, resolution: string): Promise<void>;
  /** Links to a new GitHub issue with this title, through the linking service. */
  link(ticketId: number, issueTitle: string): Promise<void>;
  similar(query: Record<string, string>, opts?: { token?: string | null }): Promise<Response>;
  stop(): Promise<void>;
}

export async function startSearchWorld(opts: { file?: Record<string, unknown> } = {}): Promise<SearchWorld> {
  const [slack, gh] = await Promise.all([startFakeSlack().then((s) => s.allowStandard()), startFakeGitHub()]);
  gh.addRepo(repo, false);
  const app = await startTestApp({
    slackApiUrl: slack.url,
    clock: new RunningClock(Date.now()),
    slackChannelIntervalMs: 5,
    env: { GITHUB_TOKEN: 'ghp_test', GITHUB_API_URL: gh.url, PUBLIC_URL: 'https://dutyloop.example.com' },
    file: { feedback: { github: { repos: [repo] } }, ...opts.file },
  });
  const { token } = await createApiToken({ ctx: app.rt.ctx, input: { name: 'helpdesk' } });
  const ctx = app.rt.ctx;
  return {
    app,
    slack,
    gh,
    token,
    async intake(body) {
      const res = await fetch(`${app.url}/api/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          source: 'helpdesk',
          customer: { email: `${body.externalId.toLowerCase()}@customer.example` },
          ...body,
        }),
      });
      if (res.status !== 201) throw new Error(`intake answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as { id: number }).id;
    },
    async resolve(ticketId, resolution) {
      await changeTicket({ ctx, input: { ticketId, action: { type: 'resolve', by: resolver }, resolution } });
    },
    async link(ticketId, issueTitle) {
      const issue = gh.addIssue(repo, issueTitle);
      await linkTicketToIssue({
        ctx,
        input: { ticketId, choice: `github:${repo}#${issue.number}`, linkedBy: resolver },
      });
    },
    similar(query, o = {}) {
      const t = o.token === undefined ? token : o.token;
      return fetch(`${app.url}/api/similar?${new URLSearchParams(query)}`, {
        headers: t ? { authorization: `Bearer ${t}` } : {},
      });
    },
    async stop() {
      await app.rt.outbox.idle();
      await app.stop();
      slack.assertNoUnexpectedCalls();
      await Promise.all([slack.close(), gh.stop()]);
    },
  };
}
