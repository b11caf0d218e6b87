import { parse } from 'csv-parse/sync';
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotDir, watchCspViolations } from './support/browser';
import { customersByIssue, healthFrom, startDemoWorld, ws, type DemoWorld } from './support/demo';

const DAY = 86_400_000;
let w: DemoWorld;
let browser: Browser;
let page: Page;
let csp: string[];

beforeAll(async () => {
  fs.mkdirSync(screenshotDir, { recursive: true });
  [w, browser] = await Promise.all([startDemoWorld(), launchChromium()]);
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  csp = watchCspViolations(page);
  // Nothing but the demo server may be reached.
  await page.route('**/*', (route) => (route.request().url().startsWith(w.url) ? route.continue() : route.abort()));
}, 120_000);
// Every page works under its Content-Security-Policy: the browser reported no violation.
afterEach(() => {
  expect(csp).toEqual([]);
});
afterAll(async () => {
  await browser?.close();
  await w?.stop();
});

const shot = (name: string) =>
  page.screenshot({ path: new URL(`${name}.png`, screenshotDir).pathname, fullPage: true });
const issueOrder = () =>
  page.$$eval('#demand tbody tr', (rows) => rows.map((r) => Number(r.getAttribute('data-issue'))));

describe('the demo in a real browser', () => {
  it('the demand board shows the seeded numbers; the window selector and sorting change the order', async () => {
    await page.goto(`${w.url}/`);
    await shot('demand-board');
    const now = Date.now();
    const expected = customersByIssue(w.sql, now - 30 * DAY, now + 1);
    const first = await page.$eval('#demand tbody tr', (r) => ({
      id: Number(r.getAttribute('data-issue')),
      customers: Number(r.querySelector('[data-col=customers]')!.textContent),
    }));
    expect(first.customers).toBe(Math.max(...[...expected.values()].map((e) => e.customers)));
    expect(expected.get(first.id)?.customers).toBe(first.customers);

    const by30 = await issueOrder();
    await page.click('a[data-window="7d"]');
    await page.waitForURL(/window=7d/);
    expect(await issueOrder()).not.toEqual(by30);

    await page.click('th a[data-sort="tickets"]');
    await page.waitForURL(/sort=tickets/);
    const tickets = await page.$$eval('#demand [data-col=tickets]', (cells) => cells.map((c) => Number(c.textContent)));
    expect(tickets).toEqual([...tickets].sort((a, b) => b - a));
    await page.click('th a[data-sort="tickets"]');
    await page.waitForURL(/dir=asc/);
    const asc = await page.$$eval('#demand [data-col=tickets]', (cells) => cells.map((c) => Number(c.textContent)));
    expect(asc).toEqual([...tickets].sort((a, b) => a - b));
  });

  it('the CSV downloads and parses to the same rows as the API', async () => {
    await page.goto(`${w.url}/?window=90d`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv')]);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    const api = (await (await fetch(`${w.url}/api/demand?window=90d`)).json()) as {
      issues: { issueId: number; customers: number; tickets: number }[];
    };
    expect(rows.length).toBe(api.issues.length);
    expect(rows.map((r) => [Number(r.issueId), Number(r.customers), Number(r.tickets)])).toEqual(
      api.issues.map((i) => [i.issueId, i.customers, i.tickets]),
    );
  });

  it('an issue page charts its weeks and lists its tickets', async () => {
    await page.goto(`${w.url}/`);
    await page.click('#demand tbody tr:first-child td:nth-child(2) a');
    await page.waitForURL(/\/issues\/\d+/);
    const id = Number(page.url().split('/').pop());
    const n = (
      w.sql
        .prepare('SELECT COUNT(*) AS n FROM ticket_issue_links WHERE workspace_id = ? AND issue_id = ?')
        .get(ws, id) as { n: number }
    ).n;
    expect(await page.locator('#tickets tbody tr').count()).toBe(Math.min(50, n));
    expect(await page.locator('svg.chart rect').count()).toBeGreaterThan(4);
    await shot('issue');
    if (n > 50) {
      await page.click('#all-tickets');
      await page.waitForURL(/tickets=all/);
      expect(await page.locator('#tickets tbody tr').count()).toBe(n);
    }
  });

  it('leaderboard, rotation and health render with the seeded figures', async () => {
    const resolved = (
      w.sql.prepare('SELECT COUNT(*) AS n FROM tickets WHERE workspace_id = ? AND resolved_by IS NOT NULL').get(ws) as {
        n: number;
      }
    ).n;
    await page.goto(`${w.url}/leaderboard`);
    await shot('leaderboard-current');
    await page.goto(`${w.url}/leaderboard?period=all`);
    expect(Number(await page.textContent('#team-total'))).toBe(resolved);
    await shot('leaderboard-all');
    await page.goto(`${w.url}/rotation`);
    expect(await page.locator('.period.now').count()).toBe(1);
    expect(await page.locator('.pill.swap').count()).toBeGreaterThan(0);
    await shot('rotation');
    await page.goto(`${w.url}/health`);
    const recent = (
      w.sql
        .prepare('SELECT COUNT(*) AS n FROM tickets WHERE workspace_id = ? AND created_at >= ?')
        .get(ws, healthFrom()) as { n: number }
    ).n;
    expect(Number(await page.textContent('#stat-tickets'))).toBe(recent);
    await shot('health');
    const bad = await page.goto(`${w.url}/?window=abc`);
    expect(bad?.status()).toBe(400);
    await shot('bad-window');
  });
});
