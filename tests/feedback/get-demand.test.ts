import { afterEach, describe, expect, it } from 'vitest';
import { generateDataset } from '../../bench/dataset';
import { getDemand } from '../../src/services/feedback/get-demand';
import { getIssueDemand } from '../../src/services/feedback/get-issue-demand';
import { memoryDb, testConfig, teamId } from '../support/app';
import { ManualClock } from '../../src/domain/clock';
import { silentLogger } from '../../src/app/logger';
import type { DbHandle } from '../../src/adapters/db/client';
import type { Ctx } from '../../src/services/context';

const now = Date.parse('2026-11-20T12:00:00Z');
let handle: DbHandle | undefined;
afterEach(() => handle?.close());

function ctxFor(h: DbHandle): Ctx {
  return { db: h.db, clock: new ManualClock(now), log: silentLogger, config: testConfig(), workspaceId: teamId, trackers: {} };
}

describe('demand board over a generated dataset', () => {
  it('ranks issues by distinct customers and reports the previous window', () => {
    handle = memoryDb();
    const s = generateDataset(handle.sqlite, { tickets: 20_000, links: 4_000, issues: 400, now, workspaceId: teamId });
    expect(s.tickets).toBe(20_000);
    const rows = getDemand({ ctx: ctxFor(handle), input: { window: '30d', limit: 10 } });
    expect(rows.length).toBe(10);
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.customers).toBeGreaterThanOrEqual(rows[i]!.customers);
    const top = rows[0]!;
    expect(top.tickets).toBeGreaterThanOrEqual(top.customers);
    expect(top.previousCustomers).not.toBeNull();
    expect(top.customersChange).toBe(top.customers - top.previousCustomers!);
    expect(top.lastSeen).toBeLessThanOrEqual(now);
    expect(top.firstSeen).toBeLessThanOrEqual(top.lastSeen);
    const all = getDemand({ ctx: ctxFor(handle), input: { window: 'all', limit: 5 } });
    expect(all[0]!.previousCustomers).toBeNull();
    expect(all[0]!.customers).toBeGreaterThanOrEqual(top.customers);

    const detail = getIssueDemand({ ctx: ctxFor(handle), input: { issueId: top.issueId } });
    expect(detail.counts.windows['30d'].customers).toBe(top.customers);
    expect(detail.weekly.reduce((n, w) => n + w.tickets, 0)).toBe(detail.tickets.length);
  });
});
