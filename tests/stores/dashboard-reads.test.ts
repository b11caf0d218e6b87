import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DashboardReads, dashboardReads } from '../../src/adapters/db/dashboard/reads';
import { pgDashboardReads } from '../../src/adapters/db/pg/dashboard-reads';
import { connectionOf } from '../../src/adapters/db/statements';
import { hashToken } from '../../src/adapters/db/workspace.repo';
import { engines, execute, type OpenEngine, workspaceId } from './engines';

const day = 86_400_000;
const now = Date.parse('2026-11-24T12:00:00Z');

/** Two issues, four customers, tickets over the last weeks: what the demand board and health page read. */
async function seed(open: OpenEngine) {
  const run = (statement: ReturnType<typeof sql>) => execute(open, statement);
  await run(sql`UPDATE workspaces SET calendar_token = ${hashToken('feed-secret')} WHERE id = ${workspaceId}`);
  await run(sql`INSERT INTO teams (id, workspace_id, name, created_at) VALUES (1, ${workspaceId}, 'Payments', 0)`);
  await run(sql`INSERT INTO members (workspace_id, team_id, slack_user_id, name, created_at)
    VALUES (${workspaceId}, 1, 'U0ANA', 'Ana', 0), (${workspaceId}, 1, 'U0NONAME', NULL, 0)`);
  await run(sql`INSERT INTO customers (id, workspace_id, key, name, company, created_at) VALUES
    (1, ${workspaceId}, 'acme', 'Kim', 'Acme', 0), (2, ${workspaceId}, 'solo', 'Lee', NULL, 0),
    (3, ${workspaceId}, 'anon', NULL, NULL, 0), (4, ${workspaceId}, 'zeta', 'Zoe', 'Zeta', 0)`);
  await run(sql`INSERT INTO tracker_issues (id, workspace_id, provider, external_id, key, title, url, created_at, updated_at)
    VALUES (1, ${workspaceId}, 'github', '1', 'acme/app#1', 'CSV export', 'https://x/1', 0, 0),
           (2, ${workspaceId}, 'linear', '2', 'ENG-2', 'SSO', 'https://x/2', 0, 0)`);
  // Tickets: created days ago, first responses and resolutions after some minutes, a few ratings, two sources.
  const tickets: [number, number, string, number | null, number | null, number | null, string][] = [
    [1, 2, 'api', 10, 120, 5, 'acme'],
    [2, 9, 'intake', 45, null, null, 'solo'],
    [3, 16, 'api', 5, 600, 2, 'acme'],
    [4, 30, 'intake', null, null, null, 'anon'],
    [5, 40, 'api', 90, 2000, 4, 'zeta'],
    [6, 100, 'api', 1, 1, 5, 'zeta'],
  ];
  for (const [id, daysAgo, source, frMin, resMin, rating, customer] of tickets) {
    const c = now - daysAgo * day;
    await run(sql`INSERT INTO tickets (id, workspace_id, source, external_id, text, customer_key, created_at, updated_at,
        first_response_at, resolved_at, rating, status)
      VALUES (${id}, ${workspaceId}, ${source}, ${`x${id}`}, 'help', ${customer}, ${c}, ${c},
        ${frMin === null ? null : c + frMin * 60_000}, ${resMin === null ? null : c + resMin * 60_000}, ${rating},
        ${resMin === null ? 'open' : 'resolved'})`);
  }
  const links: [number, number, string, number][] = [
    [1, 1, 'acme', 2],
    [3, 1, 'acme', 16],
    [2, 1, 'solo', 9],
    [5, 2, 'zeta', 40],
    [4, 2, 'anon', 30],
  ];
  for (const [ticketId, issueId, customer, daysAgo] of links)
    await run(sql`INSERT INTO ticket_issue_links (workspace_id, ticket_id, issue_id, ticket_created_at, customer_key, linked_at)
      VALUES (${workspaceId}, ${ticketId}, ${issueId}, ${now - daysAgo * day}, ${customer}, ${now})`);
}

describe.each(engines)('the dashboard reads on $name', (engine) => {
  let open: OpenEngine;
  let reads: DashboardReads;
  beforeEach(async () => {
    open = await engine.open();
    reads =
      open.name === 'sqlite'
        ? dashboardReads({ db: open.db, sqlite: connectionOf(open.db) })
        : pgDashboardReads(open.db);
    await seed(open);
  }, 60_000);
  afterEach(async () => {
    await open.close();
  });

  it('names members and customers as the pages show them', async () => {
    const name = await reads.memberNames(workspaceId);
    expect([name('U0ANA'), name('U0NONAME'), name('U0STRANGER')]).toEqual(['Ana', 'U0NONAME', 'U0STRANGER']);
    const labels = await reads.customerLabels(workspaceId, ['acme', 'solo', 'anon', 'acme', 'missing']);
    expect(Object.fromEntries(labels)).toEqual({ acme: 'Acme', solo: 'Lee', anon: '—' });
    expect((await reads.customerLabels(workspaceId, [])).size).toBe(0);
  });

  it('counts each issue’s tickets per week for the sparklines, oldest week first', async () => {
    const weekly = await reads.weeklyTicketsByIssue(workspaceId, [1, 2, 99], now);
    expect(weekly.get(1)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
    expect(weekly.get(2)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0]);
    expect(weekly.get(99)).toEqual(new Array(12).fill(0));
  });

  it('counts distinct customers across issues, not the sum per issue', async () => {
    expect(await reads.distinctCustomersBetween(workspaceId, now - 20 * day, now)).toBe(2);
    expect(await reads.distinctCustomersBetween(workspaceId, now - 60 * day, now)).toBe(4);
    expect(await reads.distinctCustomersBetween('T0OTHER', now - 60 * day, now)).toBe(0);
  });

  it('reports support health by whole weeks in the reader’s zone, with medians, ratings and sources', async () => {
    const health = await reads.supportHealth(workspaceId, {
      since: now - 56 * day,
      now,
      zone: 'Pacific/Auckland',
      targetMin: 30,
    });
    expect(health.overall).toMatchObject({ tickets: 5, firstResponseMedianMin: 27.5, withinTargetShare: 0.5 });
    expect(health.overall.ratingAvg).toBeCloseTo(11 / 3);
    expect(health.ratings).toEqual([0, 1, 0, 1, 1]);
    expect(health.sources).toEqual([
      { source: 'api', tickets: 3 },
      { source: 'intake', tickets: 2 },
    ]);
    expect(health.weeks.reduce((n, w) => n + w.tickets, 0)).toBe(5);
  });

  it('opens the calendar feed with its token only', async () => {
    expect(await reads.calendarTokenMatches(workspaceId, 'feed-secret')).toBe(true);
    expect(await reads.calendarTokenMatches(workspaceId, 'guess')).toBe(false);
    expect(await reads.calendarTokenMatches('T0OTHER', 'feed-secret')).toBe(false);
    await expect(reads.ping()).resolves.toBeUndefined();
  });
});
