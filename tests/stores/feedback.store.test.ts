import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PgFeedbackStore } from '../../src/adapters/db/pg/feedback.store';
import { PgTicketsStore } from '../../src/adapters/db/pg/tickets.store';
import type { FeedbackStore } from '../../src/services/ports/feedback';
import type { TrackerIssue } from '../../src/services/ports/issue-tracker';
import type { Ticket, TicketsStore } from '../../src/services/ports/tickets';
import { engines, type OpenEngine, workspaceId } from './engines';

const gh = (n: number, extra: Partial<TrackerIssue> = {}): TrackerIssue => ({
  provider: 'github',
  externalId: `o/r#${n}`,
  key: `o/r#${n}`,
  title: `Issue ${n}`,
  url: `https://github.com/o/r/issues/${n}`,
  state: 'open',
  isPrivate: false,
  ...extra,
});

describe.each(engines)('the feedback store on $name', (engine) => {
  let open: OpenEngine;
  let feedback: FeedbackStore;
  let tickets: TicketsStore;
  let seq = 0;
  beforeEach(async () => {
    open = await engine.open();
    if (open.name === 'sqlite') ({ feedback, tickets } = open.ports.repos);
    else {
      feedback = new PgFeedbackStore(open.db);
      tickets = new PgTicketsStore(open.db);
    }
  }, 60_000);
  afterEach(async () => {
    await open.close();
  });

  async function ticket(
    text: string,
    extra: { customerKey?: string; requesterSlackId?: string } = {},
  ): Promise<Ticket> {
    const id = (await tickets.insert({
      workspaceId,
      source: 'api',
      externalId: `t-${++seq}`,
      text,
      createdAt: 1000 * seq,
      updatedAt: 1000 * seq,
      ...extra,
    }))!;
    return (await tickets.byId(workspaceId, id))!;
  }
  const link = (t: Ticket, issueId: number, now = 5000) =>
    feedback.link({ ws: workspaceId, ticket: t, issueId, linkedBy: 'U1', now });

  it('keeps one row per tracker issue, refreshing what it knows but leaving the state to setState', async () => {
    const first = await feedback.upsertIssue(workspaceId, gh(1), 100);
    expect(first).toMatchObject({
      ...gh(1),
      id: expect.any(Number),
      createdAt: 100,
      updatedAt: 100,
      mergedIntoId: null,
    });
    const again = await feedback.upsertIssue(workspaceId, gh(1, { title: 'Renamed', state: 'closed' }), 200);
    expect(again).toMatchObject({ id: first.id, title: 'Renamed', state: 'open', createdAt: 100, updatedAt: 200 });
    expect(await feedback.issueByExternal(workspaceId, 'github', 'o/r#1')).toEqual(again);
    await feedback.setState(first.id, 'closed', 300);
    expect(await feedback.issue(workspaceId, first.id)).toMatchObject({ state: 'closed', stateChangedAt: 300 });
    await feedback.moveIssue(first.id, gh(9, { title: 'Moved' }), 400);
    expect(await feedback.issue(workspaceId, first.id)).toMatchObject({ externalId: 'o/r#9', title: 'Moved' });
    expect(await feedback.issue('T0OTHER', first.id)).toBeUndefined();
  });

  it('links a ticket to an issue once, under its customer, and unlinks it', async () => {
    const issue = await feedback.upsertIssue(workspaceId, gh(1), 100);
    const a = await ticket('a', { customerKey: 'acme' });
    const b = await ticket('b', { requesterSlackId: 'U7' });
    const c = await ticket('c');
    expect(await link(a, issue.id)).toEqual({ created: true });
    expect(await link(a, issue.id)).toEqual({ created: false });
    await link(b, issue.id);
    await link(c, issue.id);
    const links = await feedback.linksOfIssue(workspaceId, issue.id);
    expect(links.map((l) => [l.ticketId, l.customerKey, l.ticketCreatedAt])).toEqual([
      [a.id, 'acme', a.createdAt],
      [b.id, 'slack:U7', b.createdAt],
      [c.id, `ticket:${c.id}`, c.createdAt],
    ]);
    expect(await feedback.issuesOfTicket(workspaceId, a.id)).toEqual([issue]);
    expect(await feedback.unlink(workspaceId, a.id, issue.id)).toBe(true);
    expect(await feedback.unlink(workspaceId, a.id, issue.id)).toBe(false);
    expect(await feedback.issuesOfTicket(workspaceId, a.id)).toEqual([]);
  });

  it('merges a duplicate into the surviving issue: its links move, a ticket linked to both keeps one', async () => {
    const survivor = await feedback.upsertIssue(workspaceId, gh(1), 100);
    const duplicate = await feedback.upsertIssue(workspaceId, gh(2), 100);
    const both = await ticket('both');
    const onlyDup = await ticket('dup');
    await link(both, survivor.id);
    await link(both, duplicate.id);
    await link(onlyDup, duplicate.id);
    expect(await feedback.mergeInto(duplicate.id, survivor.id, 900)).toBe(1);
    expect((await feedback.linksOfIssue(workspaceId, survivor.id)).map((l) => l.ticketId).sort()).toEqual(
      [both.id, onlyDup.id].sort(),
    );
    expect(await feedback.linksOfIssue(workspaceId, duplicate.id)).toEqual([]);
    expect(await feedback.issue(workspaceId, duplicate.id)).toMatchObject({
      mergedIntoId: survivor.id,
      updatedAt: 900,
    });
  });

  it('suggests the issues linked by tickets that read alike, best first, leaving out merged issues and the ticket itself', async () => {
    const exportIssue = await feedback.upsertIssue(workspaceId, gh(1), 100);
    const loginIssue = await feedback.upsertIssue(workspaceId, gh(2), 100);
    const merged = await feedback.upsertIssue(workspaceId, gh(3), 100);
    await link(await ticket('The CSV export stops at 10,000 rows when exporting invoices'), exportIssue.id);
    await link(await ticket('Login page shows an export button twice'), loginIssue.id);
    await link(await ticket('Exported CSV files are cut at 10,000 rows'), merged.id);
    await feedback.mergeInto(merged.id, exportIssue.id, 200);
    const asking = await ticket('csv export cut off');
    await link(asking, loginIssue.id);
    const found = await feedback.similarLinkedIssues(
      workspaceId,
      'Our CSV export is cut off at 10,000 rows',
      5,
      asking.id,
    );
    expect(found.map((i) => i.id)).toEqual([exportIssue.id, loginIssue.id]);
    expect(await feedback.similarLinkedIssues(workspaceId, 'zebra', 5)).toEqual([]);
    expect(await feedback.similarLinkedIssues(workspaceId, '?!', 5)).toEqual([]);
  });

  it('lists open issues that have links, least recently touched first', async () => {
    const a = await feedback.upsertIssue(workspaceId, gh(1), 300);
    const b = await feedback.upsertIssue(workspaceId, gh(2), 200);
    await feedback.upsertIssue(workspaceId, gh(3), 100); // no links
    const closed = await feedback.upsertIssue(workspaceId, gh(4), 100);
    const t = await ticket('t');
    for (const i of [a, b, closed]) await link(t, i.id);
    await feedback.setState(closed.id, 'closed', 100);
    expect((await feedback.openLinkedIssues(workspaceId, 'github', 10)).map((i) => i.id)).toEqual([b.id, a.id]);
    await feedback.touchIssue(b.id, 400);
    expect((await feedback.openLinkedIssues(workspaceId, 'github', 1)).map((i) => i.id)).toEqual([a.id]);
    expect(await feedback.openLinkedIssues(workspaceId, 'linear', 10)).toEqual([]);
  });

  it('remembers write-backs, customer needs sent and state notices', async () => {
    const issue = await feedback.upsertIssue(workspaceId, gh(1), 100);
    expect(await feedback.writeback(issue.id)).toBeUndefined();
    await feedback.recordWriteback(workspaceId, issue.id, '3 customers', 500);
    await feedback.recordWriteback(workspaceId, issue.id, '4 customers', 600);
    expect(await feedback.writeback(issue.id)).toEqual({
      workspaceId,
      issueId: issue.id,
      lastWrittenAt: 600,
      lastText: '4 customers',
    });
    await feedback.recordNeeds(workspaceId, issue.id, ['acme', 'globex'], 700);
    await feedback.recordNeeds(workspaceId, issue.id, ['acme'], 800);
    await feedback.recordNeeds(workspaceId, issue.id, [], 800);
    expect(await feedback.sentNeeds(issue.id)).toEqual(new Set(['acme', 'globex']));
    await feedback.recordStateNotice(workspaceId, issue.id, 'closed', 900);
  });

  it("names an issue's customers where they are known", async () => {
    const issue = await feedback.upsertIssue(workspaceId, gh(1), 100);
    await tickets.upsertCustomer(workspaceId, 'acme', { name: 'Ada', email: 'ada@acme.test', company: 'Acme' }, 1);
    await link(await ticket('a', { customerKey: 'acme' }), issue.id);
    await link(await ticket('b', { customerKey: 'acme' }), issue.id);
    await link(await ticket('c', { requesterSlackId: 'U7' }), issue.id);
    expect(await feedback.customer(workspaceId, 'acme')).toEqual({
      key: 'acme',
      name: 'Ada',
      email: 'ada@acme.test',
      company: 'Acme',
    });
    expect(await feedback.customer(workspaceId, 'nobody')).toBeUndefined();
    const named = await feedback.customersOfIssue(workspaceId, issue.id);
    expect(named.sort((x, y) => x.key.localeCompare(y.key))).toEqual([
      { key: 'acme', name: 'Ada', email: 'ada@acme.test', company: 'Acme' },
      { key: 'slack:U7', name: null, email: null, company: null },
    ]);
  });
});
