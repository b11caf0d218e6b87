import fs from 'node:fs';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  desktop,
  launchChromium,
  phone,
  screenshotDir,
  seriousAxeFindings,
  watchCspViolations,
} from './support/browser';
import { startDemoWorld, ws, type DemoWorld } from './support/demo';

let w: DemoWorld;
let browser: Browser;
let pages: [name: string, path: string][];

beforeAll(async () => {
  fs.mkdirSync(screenshotDir, { recursive: true });
  [w, browser] = await Promise.all([startDemoWorld(), launchChromium()]);
  const top = w.sql
    .prepare(
      'SELECT issue_id AS id FROM ticket_issue_links WHERE workspace_id = ? GROUP BY issue_id ORDER BY COUNT(*) DESC LIMIT 1',
    )
    .get(ws) as { id: number };
  pages = [
    ['demand', '/'],
    ['issue', `/issues/${top.id}`],
    ['leaderboard', '/leaderboard'],
    ['rotation', '/rotation'],
    ['health', '/health'],
    ['runbooks', '/runbooks'],
    ['runbook', '/runbooks/everything-is-down.md'],
  ];
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await w?.stop();
});

interface Tab {
  ctx: BrowserContext;
  page: Page;
  csp: string[];
}

async function openTab(options: BrowserContextOptions): Promise<Tab> {
  const ctx = await browser.newContext(options);
  // Nothing but the demo server may be reached.
  await ctx.route('**/*', (route) => (route.request().url().startsWith(w.url) ? route.continue() : route.abort()));
  const page = await ctx.newPage();
  return { ctx, page, csp: watchCspViolations(page) };
}

const shot = (page: Page, name: string, fullPage = true) =>
  page.screenshot({ path: new URL(`${name}.png`, screenshotDir).pathname, fullPage });
const viewportOf = (page: Page) => page.viewportSize()!;

describe.each([
  ['desktop', desktop],
  ['phone', phone],
] as const)('every page at %s width', (label, options) => {
  let tab: Tab;
  beforeAll(async () => {
    tab = await openTab(options);
  });
  afterAll(async () => {
    await tab?.ctx.close();
  });

  it('axe-core finds no serious or critical WCAG 2 A/AA violation, and nothing breaks the CSP', async () => {
    const found: Record<string, unknown> = {};
    for (const [name, path] of pages) {
      await tab.page.goto(`${w.url}${path}`);
      found[path] = await seriousAxeFindings(tab.page);
      await shot(tab.page, `${label}-${name}`);
    }
    expect(found).toEqual(Object.fromEntries(pages.map(([, path]) => [path, []])));
    expect(tab.csp).toEqual([]);
  });

  it('no page is wider than the screen', async () => {
    const { width } = viewportOf(tab.page);
    const wider: Record<string, number> = {};
    for (const [, path] of pages) {
      await tab.page.goto(`${w.url}${path}`);
      const scrollWidth = (await tab.page.evaluate('document.documentElement.scrollWidth')) as number;
      if (scrollWidth > width) wider[path] = scrollWidth;
    }
    expect(wider).toEqual({});
  });

  it('the rotation page opens with the current period in view, and /rotation#now lands on it', async () => {
    const { height } = viewportOf(tab.page);
    for (const url of [`${w.url}/rotation`, `${w.url}/rotation#now`]) {
      await tab.page.goto(url);
      const now = await tab.page.$eval('#now', (e) => ({
        current: e.classList.contains('now'),
        top: e.getBoundingClientRect().top,
        bottom: e.getBoundingClientRect().bottom,
      }));
      expect(now.current).toBe(true);
      expect(now.top).toBeGreaterThanOrEqual(0);
      expect(now.bottom).toBeLessThanOrEqual(height);
    }
    await tab.page.goto(`${w.url}/rotation`);
    await shot(tab.page, `${label}-rotation-on-opening`, false);
  });

  it('every link, button and tab shows a focus ring when reached by keyboard', async () => {
    await tab.page.goto(`${w.url}/`);
    const rings: { tag: string; text: string; style: string; width: number }[] = [];
    for (let i = 0; i < 12; i++) {
      await tab.page.keyboard.press('Tab');
      rings.push(
        (await tab.page.evaluate(`(() => { const e = document.activeElement; const s = getComputedStyle(e);
        return { tag: e.tagName, text: (e.textContent || '').trim().slice(0, 20), style: s.outlineStyle, width: parseFloat(s.outlineWidth) }; })()`)) as (typeof rings)[number],
      );
    }
    expect(new Set(rings.map((r) => r.tag))).toEqual(new Set(['A', 'SECTION'])); // links, tabs, the CSV button and the scrollable table (a labelled section)
    for (const r of rings) expect(r, r.text).toMatchObject({ style: 'solid' });
    for (const r of rings) expect(r.width, r.text).toBeGreaterThanOrEqual(2);
  });
});

describe('on a phone', () => {
  let tab: Tab;
  beforeAll(async () => {
    tab = await openTab(phone);
  });
  afterAll(async () => {
    await tab?.ctx.close();
  });

  it('every header link is on screen and can be tapped, on every page', async () => {
    const { width, height } = viewportOf(tab.page);
    for (const [, path] of pages) {
      await tab.page.goto(`${w.url}${path}`);
      const links = await tab.page.$$eval('header.top a', (as) =>
        as.map((a) => {
          const r = a.getBoundingClientRect();
          const hit = a.ownerDocument.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          return {
            text: a.textContent,
            left: r.left,
            right: r.right,
            top: r.top,
            bottom: r.bottom,
            tappable: hit !== null && a.contains(hit),
          };
        }),
      );
      expect(links.map((l) => l.text)).toEqual(['dutyloop', 'Demand', 'Leaderboard', 'Rotation', 'Health']);
      for (const l of links) {
        expect(l, `${path} ${l.text}`).toMatchObject({ tappable: true });
        expect(l.left, `${path} ${l.text}`).toBeGreaterThanOrEqual(0);
        expect(l.right, `${path} ${l.text}`).toBeLessThanOrEqual(width);
        expect(l.bottom, `${path} ${l.text}`).toBeLessThanOrEqual(height);
      }
    }
  });

  it('a wide table scrolls inside its card while the page stays put', async () => {
    await tab.page.goto(`${w.url}/`);
    const region = tab.page.getByRole('region', { name: 'Issues by demand' });
    const sizes = await region.evaluate((e) => ({ client: e.clientWidth, scroll: e.scrollWidth }));
    expect(sizes.scroll).toBeGreaterThan(sizes.client);
    await region.evaluate((e) => {
      e.scrollLeft = 200;
    });
    expect(await region.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
    expect(await tab.page.evaluate('window.scrollX')).toBe(0);
  });
});

describe('charts a screen reader can read, and the CSP at work', () => {
  let tab: Tab;
  beforeAll(async () => {
    tab = await openTab(desktop);
  });
  afterAll(async () => {
    await tab?.ctx.close();
  });

  it('each health chart is an image named by its title, described in one sentence by its weeks and figures, with its numbers in a table', async () => {
    await tab.page.goto(`${w.url}/health`);
    const charts = await tab.page.$$eval('figure.chart-fig', (figs) =>
      figs.map((f) => ({
        title: f.querySelector('svg title')?.textContent ?? '',
        desc: f.querySelector('svg desc')?.textContent ?? '',
        rows: [...f.querySelectorAll('details.chart-data tbody tr')].map((tr) =>
          [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
        ),
      })),
    );
    expect(charts.map((c) => c.title)).toEqual([
      'Median first response per week',
      'Median resolution time per week',
      'Tickets per week',
      'First responses within target per week',
    ]);
    for (const c of charts) {
      expect(await tab.page.getByRole('img', { name: c.title, exact: true }).count()).toBe(1);
      expect(c.rows.length).toBeGreaterThanOrEqual(12);
      const figures = c.rows.map((r) => Number(r[1])).filter((n) => !Number.isNaN(n));
      expect(c.desc).toMatch(
        new RegExp(
          `^${c.title}, ${c.rows[0]![0]}–${c.rows.at(-1)![0]}: between ${Math.min(...figures)}.* and ${Math.max(...figures)}`,
        ),
      );
    }
    expect(charts[0]!.desc).toMatch(/ min, target 10 min\.$/);
    // The table is folded for sighted readers and opens on demand.
    const details = tab.page.locator('details.chart-data').first();
    expect(await details.locator('table').isVisible()).toBe(false);
    await details.locator('summary').click();
    expect(await details.locator('table').isVisible()).toBe(true);
  });

  it('the rating page keeps its own inline stylesheet under the CSP', async () => {
    await tab.page.goto(`${w.url}/rate/not-a-token`);
    expect(await tab.page.$eval('body', (b) => b.ownerDocument.defaultView!.getComputedStyle(b).maxWidth)).toBe(
      '512px',
    );
    expect(tab.csp).toEqual([]);
  });

  it('the browser enforces the CSP: an injected inline script does not run, and the violation is seen', async () => {
    await tab.page.goto(`${w.url}/`);
    const ran = await tab.page.evaluate(
      `(() => { const s = document.createElement('script'); s.textContent = 'window.__injected = 1'; document.body.append(s); return window.__injected === 1; })()`,
    );
    expect(ran).toBe(false);
    await expect.poll(() => tab.csp.length).toBeGreaterThan(0);
  });
});
