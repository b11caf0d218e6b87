import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDataset } from '../../bench/dataset';
import { openDb, type DbHandle } from '../../src/adapters/db/client';
import { FeedbackRepo } from '../../src/adapters/db/feedback.repo';
import { closeReadModels } from '../../src/adapters/db/read-pool';
import { getDemand } from '../../src/services/feedback/get-demand';
import { getIssueDemand } from '../../src/services/feedback/get-issue-demand';
import { memoryDb, testConfig, teamId } from '../support/app';
import { ManualClock } from '../../src/domain/clock';
import { silentLogger } from '../../src/adapters/logger';
import type { Ctx } from '../../src/services/context';
import { createContext } from '../../src/app/context';

const now = Date.parse('2026-11-20T12:00:00Z');
const handles: DbHandle[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const h of handles.splice(0)) {
    await closeReadModels(h.db);
    h.close();
  }
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function ctxFor(h: DbHandle): Ctx {
  return createContext({
    db: h.db,
    clock: new ManualClock(now),
    log: silentLogger,
    config: testConfig(),
    workspaceId: teamId,
  }).ctx;
}

function fileDb(): DbHandle {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyloop-demand-'));
  dirs.push(dir);
  const h = openDb(`file:${path.join(dir, 'dutyloop.db')}`);
  handles.push(h);
  return h;
}

function memory(): DbHandle {
  const h = memoryDb();
  handles.push(h);
  return h;
}

/** A little deterministic generator, so a failure can be replayed. */
function lcg(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

interface Recount {
  issueId: number;
  tickets: number;
  customers: number;
  firstSeen: number;
  lastSeen: number;
}

/** All-time demand counted straight from the links, the way the board counted it before the totals existed. */
function recountAllTime(h: DbHandle): Recount[] {
  return h.sqlite
    .prepare(`SELECT l.issue_id AS issueId, count(*) AS tickets, count(DISTINCT l.customer_key) AS customers,
                min(l.ticket_created_at) AS firstSeen, max(l.ticket_created_at) AS lastSeen
              FROM ticket_issue_links l JOIN tracker_issues i ON i.id = l.issue_id
              WHERE l.workspace_id = ? AND i.merged_into_id IS NULL
              GROUP BY l.issue_id ORDER BY customers DESC, tickets DESC, l.issue_id`)
    .all(teamId) as Recount[];
}

describe('demand board over a generated dataset', () => {
  it('ranks issues by distinct customers and reports the previous window', async () => {
    const handle = memory();
    const s = generateDataset(handle.sqlite, { tickets: 20_000, links: 4_000, issues: 400, now, workspaceId: teamId });
    expect(s.tickets).toBe(20_000);
    const rows = await getDemand({ ctx: ctxFor(handle), input: { window: '30d', limit: 10 } });
    expect(rows.length).toBe(10);
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.customers).toBeGreaterThanOrEqual(rows[i]!.customers);
    const top = rows[0]!;
    expect(top.tickets).toBeGreaterThanOrEqual(top.customers);
    expect(top.previousCustomers).not.toBeNull();
    expect(top.customersChange).toBe(top.customers - top.previousCustomers!);
    expect(top.lastSeen).toBeLessThanOrEqual(now);
    expect(top.firstSeen).toBeLessThanOrEqual(top.lastSeen);
    const all = await getDemand({ ctx: ctxFor(handle), input: { window: 'all', limit: 5 } });
    expect(all[0]!.previousCustomers).toBeNull();
    expect(all[0]!.customers).toBeGreaterThanOrEqual(top.customers);

    const detail = await getIssueDemand({ ctx: ctxFor(handle), input: { issueId: top.issueId } });
    expect(detail.counts.windows['30d'].customers).toBe(top.customers);
    expect(detail.weekly.reduce((n, w) => n + w.tickets, 0)).toBe(detail.tickets.length);
  });
});

describe('the all-time demand kept by triggers', () => {
  it('after random links, unlinks, customer and time changes, merges and ticket deletions, equals the demand counted from the links', async () => {
    const handle = memory();
    generateDataset(handle.sqlite, { tickets: 1_500, links: 500, issues: 80, now, workspaceId: teamId });
    const sql = handle.sqlite;
    const rnd = lcg(11);
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const tickets = sql
      .prepare(
        'SELECT id, customer_key AS customerKey, created_at AS createdAt FROM tickets WHERE customer_key IS NOT NULL',
      )
      .all() as { id: number; customerKey: string; createdAt: number }[];
    const openIssues = () =>
      (sql.prepare('SELECT id FROM tracker_issues WHERE merged_into_id IS NULL').all() as { id: number }[]).map(
        (r) => r.id,
      );
    const links = () =>
      sql.prepare('SELECT id, ticket_id AS ticketId FROM ticket_issue_links').all() as {
        id: number;
        ticketId: number;
      }[];
    const link = sql.prepare(
      `INSERT OR IGNORE INTO ticket_issue_links (workspace_id, ticket_id, issue_id, ticket_created_at, customer_key, linked_by, linked_at) VALUES (?, ?, ?, ?, ?, 'U0SUPPORT', ?)`,
    );
    const feedback = new FeedbackRepo(handle.db);
    // Before any change: the migration's backfill and the dataset's inserts agree with the links.
    const counted = (await getDemand({ ctx: ctxFor(handle), input: { window: 'all', limit: 1000 } })).map((r) => ({
      issueId: r.issueId,
      tickets: r.tickets,
      customers: r.customers,
      firstSeen: r.firstSeen,
      lastSeen: r.lastSeen,
    }));
    expect(counted).toEqual(recountAllTime(handle));

    for (let step = 0; step < 1_200; step++) {
      const r = rnd();
      if (r < 0.4) {
        const t = pick(tickets);
        link.run(
          teamId,
          t.id,
          pick(openIssues()),
          t.createdAt,
          rnd() < 0.3 ? `company:c${Math.floor(rnd() * 5)}` : t.customerKey,
          now,
        );
      } else if (r < 0.65) {
        sql.prepare('DELETE FROM ticket_issue_links WHERE id = ?').run(pick(links()).id);
      } else if (r < 0.75) {
        sql
          .prepare('UPDATE ticket_issue_links SET customer_key = ? WHERE id = ?')
          .run(`company:c${Math.floor(rnd() * 5)}`, pick(links()).id);
      } else if (r < 0.85) {
        sql
          .prepare('UPDATE ticket_issue_links SET ticket_created_at = ? WHERE id = ?')
          .run(now - Math.floor(rnd() * 400 * 86_400_000), pick(links()).id);
      } else if (r < 0.86) {
        const ids = openIssues();
        const dup = pick(ids);
        const survivor = pick(ids);
        if (dup !== survivor) feedback.mergeInto(dup, survivor, now);
      } else if (r < 0.9) {
        sql
          .prepare('UPDATE ticket_issue_links SET issue_id = ? WHERE id = ?')
          .run(pick(openIssues()), pick(links()).id);
      } else {
        const ticketId = pick(links()).ticketId;
        sql.prepare('DELETE FROM ticket_events WHERE ticket_id = ?').run(ticketId);
        sql.prepare('DELETE FROM ticket_issue_links WHERE ticket_id = ?').run(ticketId);
      }
    }

    const board = await getDemand({ ctx: ctxFor(handle), input: { window: 'all', limit: 1000 } });
    const expected = recountAllTime(handle);
    expect(expected.length).toBeGreaterThan(10);
    expect(
      board.map((r) => ({
        issueId: r.issueId,
        tickets: r.tickets,
        customers: r.customers,
        firstSeen: r.firstSeen,
        lastSeen: r.lastSeen,
      })),
    ).toEqual(expected);
    // No empty rows left behind for issues whose last link went (merged duplicates included).
    const kept = sql
      .prepare('SELECT issue_id AS issueId, tickets, customers FROM issue_demand_totals ORDER BY issue_id')
      .all();
    const fromLinks = sql
      .prepare(
        'SELECT issue_id AS issueId, count(*) AS tickets, count(DISTINCT customer_key) AS customers FROM ticket_issue_links GROUP BY issue_id ORDER BY issue_id',
      )
      .all();
    expect(kept).toEqual(fromLinks);
    const perCustomer = sql.prepare('SELECT issue_id, customer_key, n FROM issue_customer_links ORDER BY 1, 2').all();
    expect(perCustomer).toEqual(
      sql
        .prepare('SELECT issue_id, customer_key, count(*) AS n FROM ticket_issue_links GROUP BY 1, 2 ORDER BY 1, 2')
        .all(),
    );
  });
});

describe('demand reads on a file database', () => {
  it('are answered by the read worker while the event loop keeps turning, and see links committed since', async () => {
    const file = fileDb();
    generateDataset(file.sqlite, { tickets: 20_000, links: 4_000, issues: 400, now, workspaceId: teamId });
    const ctx = ctxFor(file);
    let turns = 0;
    const spin = setInterval(() => turns++, 0);
    try {
      const pending = getDemand({ ctx, input: { window: '90d', limit: 50 } });
      // A synchronous read would be finished before any timer could fire.
      expect(turns).toBe(0);
      const rows = await pending;
      expect(turns).toBeGreaterThan(0);
      expect(rows.length).toBe(50);
    } finally {
      clearInterval(spin);
    }

    // The same board counted on the caller's own connection (as the in-memory path does).
    const mem = memory();
    generateDataset(mem.sqlite, { tickets: 20_000, links: 4_000, issues: 400, now, workspaceId: teamId });
    for (const window of ['7d', '30d', '90d', 'all'] as const) {
      expect(await getDemand({ ctx, input: { window, limit: 30 } })).toEqual(
        await getDemand({ ctx: ctxFor(mem), input: { window, limit: 30 } }),
      );
    }

    // A new customer linked to the top issue counts at the next read.
    const before = (await getDemand({ ctx, input: { window: '7d', limit: 1 } }))[0]!;
    const t = file.sqlite
      .prepare('SELECT id FROM tickets WHERE created_at > ? ORDER BY id LIMIT 1')
      .get(now - 86_400_000) as { id: number };
    file.sqlite
      .prepare(
        `INSERT INTO ticket_issue_links (workspace_id, ticket_id, issue_id, ticket_created_at, customer_key, linked_by, linked_at) VALUES (?, ?, ?, ?, 'company:brand-new', NULL, ?)`,
      )
      .run(teamId, t.id, before.issueId, now - 1000, now);
    const after = (await getDemand({ ctx, input: { window: '7d', limit: 1 } }))[0]!;
    expect(after.issueId).toBe(before.issueId);
    expect([after.customers, after.tickets]).toEqual([before.customers + 1, before.tickets + 1]);
  });

  it('an idle read worker does not keep a process alive', async () => {
    const file = fileDb();
    generateDataset(file.sqlite, { tickets: 500, links: 100, issues: 10, now, workspaceId: teamId });
    const dir = path.dirname(file.sqlite.name);
    const script = path.join(dir, 'read-once.mts');
    const src = (p: string) => JSON.stringify(path.resolve('src', p));
    // Reads the board through the worker and then simply ends, never closing anything.
    fs.writeFileSync(
      script,
      [
        `import { openDb } from ${src('adapters/db/client.ts')};`,
        `import { sqlitePorts } from ${src('adapters/db/repositories.ts')};`,
        `import { getDemand } from ${src('services/feedback/get-demand.ts')};`,
        `const h = openDb(${JSON.stringify(`file:${file.sqlite.name}`)});`,
        `const ctx = { repos: sqlitePorts(h.db).repos, clock: { now: () => new Date(${now}) }, workspaceId: ${JSON.stringify(teamId)} };`,
        `const rows = await getDemand({ ctx, input: { window: '30d', limit: 3 } });`,
        `console.log('rows', rows.length);`,
      ].join('\n'),
    );
    const run = spawnSync(process.execPath, [path.resolve('bin/run-ts.js'), script], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('rows 3');
    // Killed by the timeout instead of exiting: status null, signal SIGTERM.
    expect([run.status, run.signal]).toEqual([0, null]);
  });

  it('a read worker closed at shutdown starts again on the next read', async () => {
    const file = fileDb();
    generateDataset(file.sqlite, { tickets: 2_000, links: 400, issues: 40, now, workspaceId: teamId });
    const first = await getDemand({ ctx: ctxFor(file), input: { window: 'all', limit: 5 } });
    await closeReadModels(file.db);
    expect(await getDemand({ ctx: ctxFor(file), input: { window: 'all', limit: 5 } })).toEqual(first);
  });
});
