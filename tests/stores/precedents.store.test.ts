import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PgPrecedentsStore } from '../../src/adapters/db/pg/precedents.store';
import { PgTicketsStore } from '../../src/adapters/db/pg/tickets.store';
import type { PrecedentsStore } from '../../src/services/ports/knowledge-store';
import type { TicketsStore } from '../../src/services/ports/tickets';
import { engines, execute, type OpenEngine, workspaceId } from './engines';

describe.each(engines)('the precedents store on $name', (engine) => {
  let open: OpenEngine;
  let precedents: PrecedentsStore;
  let tickets: TicketsStore;
  let seq = 0;
  beforeEach(async () => {
    open = await engine.open();
    if (open.name === 'sqlite') ({ precedents, tickets } = open.ports.repos);
    else {
      precedents = new PgPrecedentsStore(open.db);
      tickets = new PgTicketsStore(open.db);
    }
  }, 60_000);
  afterEach(async () => {
    await open.close();
  });

  const ticket = async (text = 'export fails') =>
    (await tickets.insert({ workspaceId, source: 'api', externalId: `t-${++seq}`, text, createdAt: 1, updatedAt: 1 }))!;

  it('keeps what was offered for a ticket once, best rank first', async () => {
    const id = await ticket();
    await precedents.saveOffered(
      workspaceId,
      id,
      [
        { kind: 'runbook', ref: 'export.md#limits', rank: 2, score: 0.5 },
        { kind: 'ticket', ref: '41', rank: 1, score: Number.NaN },
      ],
      1000,
    );
    await precedents.saveOffered(workspaceId, id, [{ kind: 'ticket', ref: '41', rank: 3, score: 9 }], 2000);
    const offered = await precedents.forTicket(workspaceId, id);
    expect(offered.map((p) => [p.kind, p.ref, p.rank, p.score, p.verdict])).toEqual([
      ['ticket', '41', 1, 0, null],
      ['runbook', 'export.md#limits', 2, 0.5, null],
    ]);
    expect(await precedents.byId(workspaceId, offered[0]!.id)).toEqual(offered[0]);
    expect(await precedents.byId('T0OTHER', offered[0]!.id)).toBeUndefined();
  });

  it('records verdicts, and tells which offered tickets helped, in the order offered', async () => {
    const id = await ticket();
    await precedents.saveOffered(
      workspaceId,
      id,
      [
        { kind: 'ticket', ref: '7', rank: 2, score: 1 },
        { kind: 'ticket', ref: '5', rank: 1, score: 2 },
        { kind: 'runbook', ref: 'a.md#b', rank: 3, score: 1 },
        { kind: 'ticket', ref: '9', rank: 4, score: 1 },
      ],
      1000,
    );
    const offered = await precedents.forTicket(workspaceId, id);
    for (const p of offered) await precedents.setVerdict(p.id, p.ref === '9' ? 'unrelated' : 'helped', 'U1', 3000);
    expect(await precedents.byId(workspaceId, offered[0]!.id)).toMatchObject({
      verdict: 'helped',
      verdictBy: 'U1',
      verdictAt: 3000,
    });
    expect(await precedents.helpedTickets(workspaceId, id)).toEqual([5, 7]);
  });

  it("lists an issue's resolved tickets newest resolution first, with how often each helped", async () => {
    const issueId = 7;
    const older = await ticket('old');
    const newer = await ticket('new');
    const open_ = await ticket('still open');
    await tickets.update(workspaceId, older, {
      status: 'resolved',
      resolvedAt: 100,
      resolvedBy: 'U1',
      resolution: 'r1',
    });
    await tickets.update(workspaceId, newer, { status: 'resolved', resolvedAt: 200, resolvedBy: 'U2' });
    await execute(
      open,
      sql`INSERT INTO tracker_issues (id, workspace_id, provider, external_id, key, title, url, created_at, updated_at)
        VALUES (${issueId}, ${workspaceId}, 'github', 'o/r#1', 'o/r#1', 'Export limit', 'https://x/1', 1, 1)`,
    );
    for (const t of [older, newer, open_])
      await execute(
        open,
        sql`INSERT INTO ticket_issue_links (workspace_id, ticket_id, issue_id, ticket_created_at, customer_key, linked_at)
          VALUES (${workspaceId}, ${t}, ${issueId}, 1, 'acme', 1)`,
      );
    const later = await ticket('again');
    await precedents.saveOffered(workspaceId, later, [{ kind: 'ticket', ref: String(older), rank: 1, score: 1 }], 300);
    const [offer] = await precedents.forTicket(workspaceId, later);
    await precedents.setVerdict(offer!.id, 'helped', 'U3', 400);
    const rows = await precedents.issuePrecedents(workspaceId, issueId, 10);
    expect(rows).toEqual([
      {
        ticketId: newer,
        subject: null,
        text: 'new',
        resolution: null,
        resolvedBy: 'U2',
        resolvedAt: 200,
        permalink: null,
        helped: 0,
      },
      {
        ticketId: older,
        subject: null,
        text: 'old',
        resolution: 'r1',
        resolvedBy: 'U1',
        resolvedAt: 100,
        permalink: null,
        helped: 1,
      },
    ]);
    expect(await precedents.issuePrecedents(workspaceId, issueId, 1)).toHaveLength(1);
  });
});
