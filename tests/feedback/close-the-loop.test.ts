import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { reconcileIssues } from '../../src/services/feedback/reconcile-issues';
import { linkTicketToIssue } from '../../src/services/feedback/link-ticket';
import { getDemand } from '../../src/services/feedback/get-demand';
import { githubSecret, linearSecret, settle, startFeedbackWorld, type FeedbackWorld } from './support/feedback-app';
import {
  postGitHubWebhook,
  postLinearWebhook,
  signGitHubWebhook,
  signLinearWebhook,
} from './../harness/webhook-requests';

const fixture = (name: string) =>
  JSON.parse(fs.readFileSync(new URL(`../fixtures/github/webhooks/issues/${name}.json`, import.meta.url), 'utf8'));

/** `issues.closed` built from the recorded `opened` delivery and the published schema (state closed, closed_at required). */
function closedPayload() {
  const p = fixture('opened');
  return {
    ...p,
    action: 'closed',
    issue: { ...p.issue, state: 'closed', state_reason: 'completed', closed_at: '2026-11-20T10:00:00Z' },
  };
}

/** The state stored for the (one) tracked issue. */
async function issueState(world: FeedbackWorld): Promise<string> {
  const [row] = await world.app.query<{ state: string }>('SELECT state FROM tracker_issues');
  return row!.state;
}

let w: FeedbackWorld | undefined;
afterEach(async () => {
  await w?.stop();
  w = undefined;
});

async function world() {
  w = await startFeedbackWorld({
    file: {
      feedback: {
        productChannel: 'C0PRODUCT01',
        github: { repos: ['Codertocat/Hello-World', 'octo-org/octo-repo'] },
        linear: { teams: ['ENG'] },
      },
    },
  });
  w.gh.addRepo('Codertocat/Hello-World');
  w.gh.addIssue('Codertocat/Hello-World', 'Spelling error in the README file');
  return w;
}

async function link(world: FeedbackWorld, ticketId: number, choice: string, by = 'U0OPERATOR') {
  return linkTicketToIssue({ ctx: world.app.rt.ctx, input: { ticketId, choice, linkedBy: by } });
}

const threadPosts = (world: FeedbackWorld, re: RegExp) =>
  world.slack.of('chat.postMessage').filter((c) => c.args.thread_ts && re.test(String(c.args.text)));
const dms = (world: FeedbackWorld, re: RegExp) =>
  world.slack
    .of('chat.postMessage')
    .filter((c) => String(c.args.channel).startsWith('U') && re.test(String(c.args.text)));

describe('close the loop from GitHub webhooks', () => {
  it('a closed issue tells every linked ticket thread and DMs the linker, once per delivery', async () => {
    const w = await world();
    const t1 = await w.ticket({ text: 'Typo in readme', customerKey: 'company:a' });
    const t2 = await w.ticket({ text: 'README spelling', customerKey: 'company:b' });
    await link(w, t1, 'github:Codertocat/Hello-World#1');
    await link(w, t2, 'github:Codertocat/Hello-World#1', 'U0OTHER');
    await settle(w);

    const res = await postGitHubWebhook(w.app.url, githubSecret, 'issues', closedPayload(), 'delivery-1');
    expect(res.status).toBe(200);
    const again = await postGitHubWebhook(w.app.url, githubSecret, 'issues', closedPayload(), 'delivery-1');
    expect(again.status).toBe(200);
    await settle(w);
    expect(threadPosts(w, /Fixed in .*Codertocat\/Hello-World#1.* let the customer know/)).toHaveLength(2);
    expect(
      dms(w, /was closed as fixed/)
        .map((c) => c.args.channel)
        .sort(),
    ).toEqual(['U0OPERATOR', 'U0OTHER']);

    const reopened = { ...fixture('opened'), action: 'reopened' };
    expect((await postGitHubWebhook(w.app.url, githubSecret, 'issues', reopened, 'delivery-2')).status).toBe(200);
    await settle(w);
    expect(threadPosts(w, /was reopened/)).toHaveLength(2);
  });

  it('a bad or missing signature is 401 and changes nothing; an unknown event is 204', async () => {
    const w = await world();
    const t = await w.ticket({ text: 'x' });
    await link(w, t, 'github:Codertocat/Hello-World#1');
    expect((await postGitHubWebhook(w.app.url, 'wrong-secret', 'issues', closedPayload(), 'd-bad')).status).toBe(401);
    expect((await postGitHubWebhook(w.app.url, null, 'issues', closedPayload(), 'd-none')).status).toBe(401);
    expect((await postGitHubWebhook(w.app.url, githubSecret, 'star', { action: 'created' }, 'd-star')).status).toBe(
      204,
    );
    expect(await issueState(w)).toBe('open');
  });

  it('a signed delivery without X-GitHub-Delivery is a 400 and changes nothing, so a captured delivery cannot be replayed past the dedupe', async () => {
    const w = await world();
    const t = await w.ticket({ text: 'x', customerKey: 'company:a' });
    await link(w, t, 'github:Codertocat/Hello-World#1');
    await settle(w);
    const before = w.slack.of('chat.postMessage').length;
    const body = JSON.stringify(closedPayload());
    const post = () =>
      fetch(`${w.app.url}/webhooks/github`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': 'issues',
          ...signGitHubWebhook(githubSecret, body),
        },
        body,
      });
    const res = await post();
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'missing_delivery_id' });
    expect((await post()).status).toBe(400);
    await settle(w);
    expect(await issueState(w)).toBe('open');
    expect(w.slack.of('chat.postMessage')).toHaveLength(before);
  });

  it('a deleted issue is announced; other issue actions are 204', async () => {
    const w = await world();
    const t = await w.ticket({ text: 'x', customerKey: 'company:a' });
    await link(w, t, 'github:Codertocat/Hello-World#1');
    expect((await postGitHubWebhook(w.app.url, githubSecret, 'issues', fixture('labeled'), 'd-label')).status).toBe(
      204,
    );
    expect((await postGitHubWebhook(w.app.url, githubSecret, 'issues', fixture('deleted'), 'd-del')).status).toBe(200);
    await settle(w);
    expect(threadPosts(w, /was deleted/)).toHaveLength(1);
  });

  it('a transferred issue keeps its links under the new repository', async () => {
    const w = await world();
    w.gh.addRepo('octo-org/octo-repo', true);
    w.gh.addIssue('octo-org/octo-repo', 'Update package.json');
    const t = await w.ticket({ text: 'package', customerKey: 'company:a' });
    await link(w, t, 'github:octo-org/octo-repo#1');
    const res = await postGitHubWebhook(w.app.url, githubSecret, 'issues', fixture('transferred'), 'd-transfer');
    expect(res.status).toBe(200);
    const rows = await getDemand({ ctx: w.app.rt.ctx, input: { window: 'all' } });
    expect(rows.map((r) => [r.key, r.tickets])).toEqual([['Codertocat/Hello-World#1', 1]]);
  });
});

describe('close the loop from Linear webhooks', () => {
  const issuePayload = (
    issue: { id: string; identifier: string; title: string; url: string },
    stateType: string,
    ts: number,
  ) => ({
    action: 'update',
    type: 'Issue',
    createdAt: new Date(ts).toISOString(),
    organizationId: 'org-1',
    webhookId: 'wh-1',
    webhookTimestamp: ts,
    url: issue.url,
    data: {
      ...issue,
      state: { id: 's', name: stateType, type: stateType, color: '#000' },
      team: { id: 't', key: 'ENG', name: 'ENG' },
    },
    updatedFrom: { stateId: 'old' },
  });

  it('an issue moved to completed is announced; a stale timestamp is 401 and changes nothing', async () => {
    const w = await world();
    const lin = w.ln.addIssue('ENG', 'Dark mode resets');
    const t = await w.ticket({ text: 'dark mode', customerKey: 'company:a' });
    await link(w, t, `linear:${lin.id}|${lin.identifier}`);
    const now = w.clock.now().getTime();
    const stale = await postLinearWebhook(
      w.app.url,
      linearSecret,
      issuePayload(lin, 'completed', now - 61_000),
      'ld-0',
    );
    expect(stale.status).toBe(401);
    expect((await postLinearWebhook(w.app.url, 'nope', issuePayload(lin, 'completed', now), 'ld-x')).status).toBe(401);
    expect(await issueState(w)).toBe('open');
    expect(
      (
        await postLinearWebhook(
          w.app.url,
          linearSecret,
          { action: 'create', type: 'Reaction', webhookTimestamp: now, data: {} },
          'ld-r',
        )
      ).status,
    ).toBe(204);

    const ok = await postLinearWebhook(w.app.url, linearSecret, issuePayload(lin, 'completed', now), 'ld-1');
    expect(ok.status).toBe(200);
    // The same delivery again (Linear retries) and a reopen with a reused delivery id change nothing.
    expect((await postLinearWebhook(w.app.url, linearSecret, issuePayload(lin, 'started', now), 'ld-1')).status).toBe(
      200,
    );
    await settle(w);
    expect(await issueState(w)).toBe('closed');
    expect(threadPosts(w, /Fixed in .*ENG-1/)).toHaveLength(1);
    expect(dms(w, /ENG-1/)).toHaveLength(1);
  });

  it('a signed delivery without Linear-Delivery is a 400 and changes nothing', async () => {
    const w = await world();
    const lin = w.ln.addIssue('ENG', 'Dark mode resets');
    const t = await w.ticket({ text: 'dark mode', customerKey: 'company:a' });
    await link(w, t, `linear:${lin.id}|${lin.identifier}`);
    await settle(w);
    const before = w.slack.of('chat.postMessage').length;
    const body = JSON.stringify(issuePayload(lin, 'completed', w.clock.now().getTime()));
    const res = await fetch(`${w.app.url}/webhooks/linear`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'linear-event': 'Issue',
        ...signLinearWebhook(linearSecret, body),
      },
      body,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'missing_delivery_id' });
    await settle(w);
    expect(await issueState(w)).toBe('open');
    expect(w.slack.of('chat.postMessage')).toHaveLength(before);
  });

  it('a duplicate merge moves links to the surviving issue without counting a ticket twice', async () => {
    const w = await world();
    const a = w.ln.addIssue('ENG', 'Export slow');
    const b = w.ln.addIssue('ENG', 'Export very slow');
    const t1 = await w.ticket({ text: 'export slow', customerKey: 'company:a' });
    const t2 = await w.ticket({ text: 'export slow too', customerKey: 'company:a' });
    const t3 = await w.ticket({ text: 'export', customerKey: 'company:b' });
    await link(w, t1, `linear:${a.id}|${a.identifier}`);
    await link(w, t1, `linear:${b.id}|${b.identifier}`);
    await link(w, t2, `linear:${b.id}|${b.identifier}`);
    await link(w, t3, `linear:${a.id}|${a.identifier}`);
    const now = w.clock.now().getTime();
    const res = await postLinearWebhook(
      w.app.url,
      linearSecret,
      {
        action: 'create',
        type: 'IssueRelation',
        webhookTimestamp: now,
        createdAt: new Date(now).toISOString(),
        organizationId: 'org-1',
        webhookId: 'wh-1',
        data: { id: 'rel-1', type: 'duplicate', issueId: b.id, relatedIssueId: a.id },
      },
      'ld-dup',
    );
    expect(res.status).toBe(200);
    const rows = await getDemand({ ctx: w.app.rt.ctx, input: { window: 'all' } });
    expect(rows.map((r) => [r.key, r.tickets, r.customers])).toEqual([['ENG-1', 3, 2]]);
    expect(w.ln.invalid).toEqual([]);
  });
});

describe('the reconcile job', () => {
  it('catches a close whose webhook was missed, within the provider batch', async () => {
    const w = await world();
    const lin = w.ln.addIssue('ENG', 'Sync stalls');
    const t1 = await w.ticket({ text: 'sync', customerKey: 'company:a' });
    const t2 = await w.ticket({ text: 'readme', customerKey: 'company:a' });
    await link(w, t1, `linear:${lin.id}|${lin.identifier}`);
    await link(w, t2, 'github:Codertocat/Hello-World#1');
    await settle(w);
    w.ln.setState(lin.id, 'completed');
    w.gh.repos.get('codertocat/hello-world')!.issues.get(1)!.state = 'closed';
    const r = await reconcileIssues({ ctx: w.app.rt.ctx });
    expect(r).toMatchObject({ checked: 2, closed: 2 });
    await settle(w);
    expect(threadPosts(w, /Fixed in/)).toHaveLength(2);
    // A second run (or a late webhook) announces nothing again.
    await reconcileIssues({ ctx: w.app.rt.ctx });
    expect((await postGitHubWebhook(w.app.url, githubSecret, 'issues', closedPayload(), 'late-1')).status).toBe(200);
    await settle(w);
    expect(threadPosts(w, /Fixed in/)).toHaveLength(2);
  });
});
