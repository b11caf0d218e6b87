import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitHubTracker } from '../../src/adapters/github/github-client';
import { LinearTracker } from '../../src/adapters/linear/linear-client';
import { demandMarker } from '../../src/domain/feedback/writeback-text';
import { startFakeGitHub, type FakeGitHub } from './../harness/fake-github';
import { startFakeLinear, type FakeLinear } from './../harness/fake-linear';

let gh: FakeGitHub;
let ln: FakeLinear;
beforeAll(async () => {
  gh = await startFakeGitHub();
  ln = await startFakeLinear();
});
afterAll(async () => {
  await gh.stop();
  await ln.stop();
});

describe('GitHub client against the fake GitHub', () => {
  it('searches only configured repos, creates with the feedback label, and edits one comment in place', async () => {
    gh.addRepo('acme/app', false);
    gh.addRepo('acme/other', false);
    gh.addIssue('acme/app', 'CSV export fails for large files');
    gh.addIssue('acme/other', 'CSV export elsewhere');
    const t = new GitHubTracker({ token: 'ghp_test', apiUrl: gh.url, repos: ['acme/app'], label: 'customer-feedback' });
    const found = await t.search('csv export', 10);
    expect(found.map((i) => i.key)).toEqual(['acme/app#1']);
    expect(found[0]).toMatchObject({ state: 'open', isPrivate: false, url: 'https://github.com/acme/app/issues/1' });

    const created = await t.create({ title: 'Login loop', body: 'x' });
    expect(created.key).toBe('acme/app#2');
    expect(gh.repos.get('acme/app')!.issues.get(2)!.labels).toEqual(['customer-feedback']);

    await t.writeDemand(created, {
      text: 'Reported by 1 customer (1 ticket)',
      dashboardUrl: 'http://d/issues/1',
      customers: [],
    });
    await t.writeDemand(created, {
      text: 'Reported by 2 customers (3 tickets)',
      dashboardUrl: 'http://d/issues/1',
      customers: [],
    });
    const comments = gh.repos.get('acme/app')!.issues.get(2)!.comments;
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(demandMarker);
    expect(comments[0]!.body).toContain('Reported by 2 customers (3 tickets)');

    expect(await t.get('acme/app#99')).toBeNull();
    expect(t.parseRef('https://github.com/acme/app/issues/12')).toBe('acme/app#12');
    expect(t.isConfigured({ ...created, container: 'acme/other' })).toBe(false);
    expect(gh.unexpected).toEqual([]);
  });
});

describe('GitHub client failures', () => {
  it('a single 502 is retried once inside the call; a 503 that lasts fails the call for the outbox, after two tries', async () => {
    gh.addRepo('retry/app', false);
    gh.addIssue('retry/app', 'Flaky gateway');
    const t = new GitHubTracker({
      token: 'ghp_test',
      apiUrl: gh.url,
      repos: ['retry/app'],
      label: 'customer-feedback',
    });
    const gets = () => gh.requests.filter((r) => r.method === 'GET' && r.path === '/repos/retry/app/issues/1').length;
    gh.fail({ status: 502, path: /^\/repos\/retry\/app\/issues\/1$/ });
    expect(await t.get('retry/app#1')).toMatchObject({ key: 'retry/app#1', title: 'Flaky gateway' });
    expect(gets()).toBe(2);
    gh.fail({ status: 503, times: 2, path: /^\/repos\/retry\/app\/issues\/1$/ });
    await expect(t.get('retry/app#1')).rejects.toMatchObject({ status: 503 });
    expect(gets()).toBe(4);
  });

  it('a refusal that is not a rate limit (403 without Retry-After, 404) is not retried', async () => {
    gh.addRepo('deny/app', false);
    gh.addIssue('deny/app', 'Locked');
    const t = new GitHubTracker({ token: 'ghp_test', apiUrl: gh.url, repos: ['deny/app'], label: 'customer-feedback' });
    gh.fail({ status: 403, path: /^\/repos\/deny\/app\/issues\/1$/ });
    await expect(t.get('deny/app#1')).rejects.toMatchObject({ status: 403 });
    expect(gh.requests.filter((r) => r.path === '/repos/deny/app/issues/1')).toHaveLength(1);
  });
});

describe('Linear client against the schema-validating fake', () => {
  it('searches configured teams, creates in the configured team, writes an attachment once per URL and customer needs', async () => {
    ln.addTeam('ENG');
    ln.addTeam('OPS');
    ln.addIssue('ENG', 'Invoice PDF is blank');
    ln.addIssue('OPS', 'Invoice PDF in ops');
    const t = new LinearTracker({ apiKey: 'lin_api_test', apiUrl: ln.url, teams: ['ENG'] });
    const found = await t.search('invoice', 10);
    expect(found.map((i) => i.key)).toEqual(['ENG-1']);
    const created = await t.create({ title: 'Dark mode resets', body: 'b' });
    expect(created).toMatchObject({ key: 'ENG-2', state: 'open' });
    await t.writeDemand(created, {
      text: 'Reported by 1 customer (1 ticket)',
      dashboardUrl: 'http://d/issues/7',
      customers: [{ key: 'company:acme', company: 'Acme' }],
    });
    await t.writeDemand(created, {
      text: 'Reported by 2 customers (2 tickets)',
      dashboardUrl: 'http://d/issues/7',
      customers: [],
    });
    const issue = ln.issues.get(created.externalId)!;
    expect(issue.attachments).toHaveLength(1);
    expect(issue.attachments[0]).toMatchObject({
      url: 'http://d/issues/7',
      subtitle: 'Reported by 2 customers (2 tickets)',
    });
    expect(issue.needs).toHaveLength(1);
    expect(await t.get('ENG-2')).toMatchObject({ externalId: created.externalId });
    ln.setState(created.externalId, 'completed');
    expect(await t.get(created.externalId)).toMatchObject({ state: 'closed', closedReason: 'completed' });
    expect(await t.get('ENG-404')).toBeNull();
    expect(ln.invalid).toEqual([]);
  });
});
