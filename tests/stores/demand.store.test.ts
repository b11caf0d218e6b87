import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PgDemandStore } from '../../src/adapters/db/pg/demand.store';
import { PgFeedbackStore } from '../../src/adapters/db/pg/feedback.store';
import { PgTicketsStore } from '../../src/adapters/db/pg/tickets.store';
import type { DemandStore, FeedbackStore, Issue } from '../../src/services/ports/feedback';
import type { TicketsStore } from '../../src/services/ports/tickets';
import { engines, type OpenEngine, workspaceId } from './engines';

describe.each(engines)('the demand board on $name', (engine) => {
  let open: OpenEngine;
  let demand: DemandStore;
  let feedback: FeedbackStore;
  let tickets: TicketsStore;
  let seq = 0;
  beforeEach(async () => {
    open = await engine.open();
    if (open.name === 'sqlite') ({ demand, feedback, tickets } = open.ports.repos);
    else {
      demand = new PgDemandStore(open.db);
      feedback = new PgFeedbackStore(open.db);
      tickets = new PgTicketsStore(open.db);
    }
  }, 60_000);
  afterEach(async () => {
    await open.close();
  });

  const issue = (n: number) =>
    feedback.upsertIssue(
      workspaceId,
      {
        provider: 'github',
        externalId: `o/r#${n}`,
        key: `o/r#${n}`,
        title: `Issue ${n}`,
        url: `https://x/${n}`,
        state: 'open',
        isPrivate: false,
      },
      1,
    );
  /** A ticket of `customerKey` created at `at`, linked to `to`; its id. */
  async function demandFor(to: Issue, customerKey: string, at: number) {
    const id = (await tickets.insert({
      workspaceId,
      source: 'api',
      externalId: `t-${++seq}`,
      text: `ticket ${seq}`,
      customerKey,
      createdAt: at,
      updatedAt: at,
    }))!;
    await feedback.link({
      ws: workspaceId,
      ticket: (await tickets.byId(workspaceId, id))!,
      issueId: to.id,
      linkedBy: null,
      now: at,
    });
    return id;
  }

  it('ranks issues of all time by distinct customers, then tickets, ties to the older issue, with first and last seen', async () => {
    const [a, b, c, merged] = [await issue(1), await issue(2), await issue(3), await issue(4)];
    await demandFor(a, 'acme', 100);
    await demandFor(a, 'acme', 200);
    await demandFor(b, 'acme', 150);
    await demandFor(b, 'globex', 300);
    await demandFor(c, 'initech', 50);
    await demandFor(c, 'umbrella', 60);
    for (const k of ['x', 'y', 'z']) await demandFor(merged, k, 10);
    await feedback.mergeInto(merged.id, a.id, 400);
    const board = await demand.board({ workspaceId, range: null, previous: null, limit: 3 });
    expect(board.top.map((r) => [r.key, r.customers, r.tickets])).toEqual([
      ['o/r#1', 4, 5],
      ['o/r#2', 2, 2],
      ['o/r#3', 2, 2],
    ]);
    expect(board.top[0]).toMatchObject({
      issueId: a.id,
      provider: 'github',
      title: 'Issue 1',
      url: 'https://x/1',
      state: 'open',
    });
    expect(board.previous).toBeNull();
    expect(board.seen.sort((x, y) => x.issueId - y.issueId)).toEqual([
      { issueId: a.id, firstSeen: 10, lastSeen: 200 },
      { issueId: b.id, firstSeen: 150, lastSeen: 300 },
      { issueId: c.id, firstSeen: 50, lastSeen: 60 },
    ]);
  });

  it('counts a window from the links, with the previous window’s counts of the same issues', async () => {
    const [a, b] = [await issue(1), await issue(2)];
    await demandFor(a, 'acme', 100);
    await demandFor(a, 'globex', 150);
    await demandFor(b, 'acme', 210);
    await demandFor(a, 'acme', 220);
    await demandFor(b, 'globex', 230);
    await demandFor(b, 'initech', 240);
    const board = await demand.board({
      workspaceId,
      range: { from: 200, to: 300 },
      previous: { from: 100, to: 200 },
      limit: 10,
    });
    expect(board.top.map((r) => [r.issueId, r.customers, r.tickets])).toEqual([
      [b.id, 3, 3],
      [a.id, 1, 1],
    ]);
    expect(board.previous).toEqual([{ issueId: a.id, tickets: 2, customers: 2 }]);
    expect(
      await demand.board({ workspaceId, range: { from: 0, to: 50 }, previous: { from: 0, to: 1 }, limit: 10 }),
    ).toEqual({ top: [], previous: [], seen: [] });
  });

  it('forgets an unlinked ticket in the all-time board', async () => {
    const a = await issue(1);
    const t = await demandFor(a, 'acme', 100);
    await demandFor(a, 'globex', 200);
    await feedback.unlink(workspaceId, t, a.id);
    const board = await demand.board({ workspaceId, range: null, previous: null, limit: 10 });
    expect(board.top.map((r) => [r.customers, r.tickets])).toEqual([[1, 1]]);
    expect(board.seen).toEqual([{ issueId: a.id, firstSeen: 200, lastSeen: 200 }]);
  });

  it("lists an issue's linked tickets, newest ticket first", async () => {
    const a = await issue(1);
    const older = await demandFor(a, 'acme', 100);
    const newer = await demandFor(a, 'globex', 200);
    expect(await demand.linkedTickets(workspaceId, a.id)).toEqual([
      expect.objectContaining({
        ticketId: newer,
        customerKey: 'globex',
        ticketCreatedAt: 200,
        text: `ticket ${seq}`,
        status: 'open',
        linkedBy: null,
        linkedAt: 200,
        subject: null,
        permalink: null,
      }),
      expect.objectContaining({ ticketId: older, customerKey: 'acme', ticketCreatedAt: 100 }),
    ]);
    expect(await demand.linkedTickets('T0OTHER', a.id)).toEqual([]);
  });
});
