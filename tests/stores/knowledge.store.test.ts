import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PgKnowledgeStore } from '../../src/adapters/db/pg/knowledge.store';
import { PgTicketsStore } from '../../src/adapters/db/pg/tickets.store';
import type { KnowledgeDoc, KnowledgeStore } from '../../src/services/ports/knowledge-store';
import type { TicketsStore } from '../../src/services/ports/tickets';
import { engines, execute, type OpenEngine, workspaceId } from './engines';

describe.each(engines)('the knowledge index on $name', (engine) => {
  let open: OpenEngine;
  let knowledge: KnowledgeStore;
  let tickets: TicketsStore;
  let seq = 0;
  beforeEach(async () => {
    open = await engine.open();
    if (open.name === 'sqlite') ({ knowledge, tickets } = open.ports.repos);
    else {
      knowledge = new PgKnowledgeStore(open.db);
      tickets = new PgTicketsStore(open.db);
    }
  }, 60_000);
  afterEach(async () => {
    await open.close();
  });

  /** A resolved ticket (unless `status` says otherwise); its id. */
  async function ticket(text: string, status: 'resolved' | 'open' = 'resolved') {
    const id = (await tickets.insert({
      workspaceId,
      source: 'api',
      externalId: `t-${++seq}`,
      text,
      subject: `subject ${seq}`,
      createdAt: 1,
      updatedAt: 1,
    }))!;
    if (status === 'resolved')
      await tickets.update(workspaceId, id, { status, resolvedAt: 10, resolvedBy: 'U1', resolution: 'fixed' });
    return id;
  }
  const doc = (id: number, question: string, resolution = '', issues = ''): KnowledgeDoc => ({
    id,
    question,
    resolution,
    issues,
  });
  const ids = (docs: KnowledgeDoc[]) => docs.map((d) => d.id);

  it('keeps a document per ticket and how many documents hold each term, through changes and removals', async () => {
    const a = await ticket('a');
    const b = await ticket('b');
    await knowledge.put(workspaceId, [doc(a, 'export csv', 'limit'), doc(b, 'export pdf')], 1, 100);
    expect(await knowledge.doc(a)).toEqual(doc(a, 'export csv', 'limit'));
    expect(await knowledge.documentCount()).toBe(2);
    expect(await knowledge.documentFrequencies(['export', 'csv', 'nothing'])).toEqual(
      new Map([
        ['export', 2],
        ['csv', 1],
        ['nothing', 0],
      ]),
    );
    await knowledge.put(workspaceId, [doc(a, 'import csv')], 1, 200);
    expect(await knowledge.documentCount()).toBe(2);
    expect(await knowledge.documentFrequencies(['export', 'import', 'limit'])).toEqual(
      new Map([
        ['export', 1],
        ['import', 1],
        ['limit', 0],
      ]),
    );
    await knowledge.remove(b);
    await knowledge.remove(b);
    expect(await knowledge.doc(b)).toBeUndefined();
    expect(await knowledge.documentCount()).toBe(1);
    expect((await knowledge.documentFrequencies(['export'])).get('export')).toBe(0);
  });

  it('keeps one document and true counts when two indexers put the same tickets at once', async () => {
    const a = await ticket('a');
    const b = await ticket('b');
    await Promise.all([
      knowledge.put(workspaceId, [doc(a, 'export csv'), doc(b, 'export pdf')], 1, 100),
      knowledge.put(workspaceId, [doc(b, 'export pdf'), doc(a, 'export csv')], 1, 100),
      knowledge.remove(a),
      knowledge.put(workspaceId, [doc(a, 'export csv')], 1, 100),
    ]);
    const indexed = (await knowledge.doc(a)) ? 2 : 1;
    expect(await knowledge.documentCount()).toBe(indexed);
    expect((await knowledge.documentFrequencies(['export'])).get('export')).toBe(indexed);
    expect((await knowledge.documentFrequencies(['pdf'])).get('pdf')).toBe(1);
  });

  it('offers indexed terms by prefix to correct a misspelt word, only those still in a document', async () => {
    const a = await ticket('a');
    await knowledge.put(workspaceId, [doc(a, 'dashboard dashes data', 'dash_x')], 1, 100);
    await knowledge.put(workspaceId, [doc(a, 'dashboard data', 'dash_x')], 1, 100);
    expect((await knowledge.termsStartingWith('das', 10)).map((t) => t.term).sort()).toEqual(['dash_x', 'dashboard']);
    expect(await knowledge.termsStartingWith('dash_', 10)).toEqual([{ term: 'dash_x', docs: 1 }]);
    expect(await knowledge.termsStartingWith('da', 1)).toHaveLength(1);
    expect(await knowledge.termsStartingWith('zz', 10)).toEqual([]);
  });

  it('finds the resolved tickets not yet indexed, or indexed by an older version, in an id range', async () => {
    const a = await ticket('a');
    const b = await ticket('b');
    const c = await ticket('c', 'open');
    const d = await ticket('d');
    await knowledge.put(workspaceId, [doc(a, 'x')], 2, 100);
    await knowledge.put(workspaceId, [doc(b, 'x')], 1, 100);
    expect(await knowledge.unindexed(workspaceId, 0, d, 2)).toEqual([b, d]);
    expect(await knowledge.unindexed(workspaceId, b, c, 2)).toEqual([]);
    expect(await knowledge.unindexed('T0OTHER', 0, d, 2)).toEqual([]);
    expect(await knowledge.lastTicketId()).toBe(d);
  });

  it('ranks documents matching any term, the customer’s words above the resolution’s, in the workspace only', async () => {
    const inResolution = await ticket('a');
    const inQuestion = await ticket('b');
    const neither = await ticket('c');
    const other = await ticket('d');
    await execute(open, sql`INSERT INTO workspaces (id, calendar_token) VALUES ('T0OTHER', 'y')`);
    await knowledge.put(
      workspaceId,
      [doc(inResolution, 'login page', 'export timeout'), doc(inQuestion, 'export timeout'), doc(neither, 'login')],
      1,
      100,
    );
    await knowledge.put('T0OTHER', [doc(other, 'export timeout')], 1, 100);
    expect(ids(await knowledge.ranked(workspaceId, '"export" OR "timeout"', 10))).toEqual([inQuestion, inResolution]);
    expect(ids(await knowledge.ranked(workspaceId, '"export" OR "timeout"', 1))).toEqual([inQuestion]);
    expect(await knowledge.ranked(workspaceId, '"unknown"', 10)).toEqual([]);
  });

  it('reads the newest documents holding every term of an expression', async () => {
    const older = await ticket('a');
    const onlyOne = await ticket('b');
    const newer = await ticket('c');
    await knowledge.put(
      workspaceId,
      [doc(older, 'export csv'), doc(onlyOne, 'export'), doc(newer, 'csv', '', 'export issue')],
      1,
      100,
    );
    expect(ids(await knowledge.newest(workspaceId, '"export" "csv"', 10))).toEqual([newer, older]);
    expect(ids(await knowledge.newest(workspaceId, '"export"', 2))).toEqual([newer, onlyOne]);
  });

  it('reads what the index is built from and what a hit shows, for resolved tickets of the workspace', async () => {
    const a = await ticket('the export stops');
    const open_ = await ticket('still open', 'open');
    await execute(
      open,
      sql`INSERT INTO tracker_issues (id, workspace_id, provider, external_id, key, title, url, created_at, updated_at)
        VALUES (7, ${workspaceId}, 'github', 'o/r#7', 'o/r#7', 'Export stops at 10k rows', 'https://x/7', 1, 1)`,
    );
    await execute(
      open,
      sql`INSERT INTO ticket_issue_links (workspace_id, ticket_id, issue_id, ticket_created_at, customer_key, linked_at)
        VALUES (${workspaceId}, ${a}, 7, 1, 'acme', 1)`,
    );
    const found = await knowledge.sources(workspaceId, [a, open_]);
    expect(found).toEqual([
      {
        id: a,
        status: 'resolved',
        subject: expect.any(String),
        text: 'the export stops',
        resolution: 'fixed',
        issueTitles: ['Export stops at 10k rows'],
      },
      { id: open_, status: 'open', subject: expect.any(String), text: 'still open', resolution: null, issueTitles: [] },
    ]);
    expect(await knowledge.sources(workspaceId, [])).toEqual([]);
    expect(await knowledge.tickets(workspaceId, [a, open_])).toEqual([
      {
        id: a,
        subject: expect.any(String),
        text: 'the export stops',
        resolution: 'fixed',
        resolvedBy: 'U1',
        resolvedAt: 10,
        cardChannelId: null,
        cardTs: null,
      },
    ]);
    expect(await knowledge.tickets('T0OTHER', [a])).toEqual([]);
  });
});
