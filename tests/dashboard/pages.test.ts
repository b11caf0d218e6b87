import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customersByIssue, demandRows, healthFrom, startDemoWorld, ws, type DemoWorld } from './support/demo';

const DAY = 86_400_000;
let w: DemoWorld;
beforeAll(async () => {
  w = await startDemoWorld();
}, 120_000);
afterAll(async () => {
  await w?.stop();
});

const get = (path: string, init?: RequestInit) => fetch(`${w.url}${path}`, { redirect: 'manual', ...init });

describe('demand board', () => {
  it('ranks issues by distinct customers in the last 30 days, with the counts the database holds', async () => {
    const res = await get('/?window=30d');
    expect(res.status).toBe(200);
    const rows = demandRows(await res.text());
    const now = Date.now();
    const expected = customersByIssue(w.sql, now - 30 * DAY, now + 1);
    expect(rows.length).toBe(expected.size);
    for (const r of rows) expect(expected.get(r.issueId)).toEqual({ customers: r.customers, tickets: r.tickets });
    const customers = rows.map((r) => r.customers);
    expect(customers).toEqual([...customers].sort((a, b) => b - a));
  });

  it('sorting by tickets ascending and choosing another window change the order', async () => {
    const byCustomers = demandRows(await (await get('/?window=90d')).text());
    const byTickets = demandRows(await (await get('/?window=90d&sort=tickets&dir=asc')).text());
    expect(byTickets.map((r) => r.tickets)).toEqual([...byTickets.map((r) => r.tickets)].sort((a, b) => a - b));
    expect(byTickets.map((r) => r.issueId)).not.toEqual(byCustomers.map((r) => r.issueId));
    const all = demandRows(await (await get('/?window=all')).text());
    expect(all.length).toBe(60);
    expect(all.length).toBeGreaterThan(demandRows(await (await get('/?window=7d')).text()).length);
  });

  it('links the CSV of the same window and draws a sparkline per issue', async () => {
    const html = await (await get('/?window=7d')).text();
    expect(html).toContain('href="/api/demand?window=7d&amp;format=csv"');
    expect(html.match(/<svg[^>]*class="spark"/g)?.length).toBe(demandRows(html).length);
  });

  it('a window outside the allowed values is a 400 page that lists them', async () => {
    const res = await get('/?window=abc');
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Bad request');
    for (const v of ['7d', '30d', '90d', 'all']) expect(html).toContain(`<code>${v}</code>`);
    expect((await get('/?sort=nonsense')).status).toBe(400);
    expect((await get('/leaderboard?period=yesterday')).status).toBe(400);
  });
});

describe('issue page', () => {
  it('shows the issue’s distinct customers, its tickets and their companies', async () => {
    const top = w.sql
      .prepare(
        'SELECT issue_id AS id, COUNT(*) AS n, COUNT(DISTINCT customer_key) AS c FROM ticket_issue_links WHERE workspace_id = ? GROUP BY issue_id ORDER BY c DESC LIMIT 1',
      )
      .get(ws) as { id: number; n: number; c: number };
    const res = await get(`/issues/${top.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<div class="n" id="stat-customers">${top.c}</div>`);
    expect(html).toContain(`<div class="n" id="stat-tickets">${top.n}</div>`);
    expect(html.match(/<tr data-ticket=/g)?.length).toBe(Math.min(50, top.n));
    expect((await (await get(`/issues/${top.id}?tickets=all`)).text()).match(/<tr data-ticket=/g)?.length).toBe(top.n);
    const newest = w.sql
      .prepare(`SELECT l.ticket_id AS id, c.company FROM ticket_issue_links l JOIN customers c ON c.workspace_id = l.workspace_id AND c.key = l.customer_key
      WHERE l.workspace_id = ? AND l.issue_id = ? AND c.company IS NOT NULL ORDER BY l.ticket_created_at DESC LIMIT 1`)
      .get(ws, top.id) as { id: number; company: string };
    const row = html.match(new RegExp(`<tr data-ticket="${newest.id}">[\\s\\S]*?</tr>`))?.[0] ?? '';
    expect(row).toContain(`<td>${newest.company.replace('&', '&amp;').replace("'", '&#39;')}</td>`);
    expect(html).toMatch(/class="chart"/);
  });

  it('an unknown issue id is a 404 page', async () => {
    const res = await get('/issues/999999');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('Not found');
    expect((await get('/issues/abc')).status).toBe(404);
  });
});

describe('leaderboard, rotation, health', () => {
  it('the leaderboard puts the team total first and counts every resolved ticket of all time', async () => {
    const total = (
      w.sql.prepare('SELECT COUNT(*) AS n FROM tickets WHERE workspace_id = ? AND resolved_by IS NOT NULL').get(ws) as {
        n: number;
      }
    ).n;
    const html = await (await get('/leaderboard?period=all')).text();
    expect(html).toContain(`<div class="n" id="team-total">${total}</div>`);
    expect(html).not.toMatch(/worst/i);
    expect(html.indexOf('team-total')).toBeLessThan(html.indexOf('id="leaderboard"'));
  });

  it('the current period lists zero-ticket people as also on duty, not at the bottom of a table', async () => {
    const res = await get('/leaderboard');
    expect(res.status).toBe(200);
    const html = await res.text();
    const rows = [...html.matchAll(/data-col="handled"><strong>(\d+)</g)].map((m) => Number(m[1]));
    expect(rows.every((n) => n > 0)).toBe(true);
    const also = html.match(/<div class="card" id="also">[\s\S]*?<\/div><\/div>/)?.[0] ?? '';
    const names = [...also.matchAll(/<span class="chip">([^<]+)<\/span>/g)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(0);
    const table = html.slice(html.indexOf('id="leaderboard"'), html.indexOf('id="also"'));
    for (const n of names) expect(table).not.toContain(n);
  });

  it('the rotation highlights the current period, marks the swap and time off, and links the iCal feed', async () => {
    const html = await (await get('/rotation')).text();
    expect(html.match(/class="period now"/g)?.length).toBe(1);
    expect(html).toContain('<span class="pill swap">swapped</span>');
    expect(html).toContain('<span class="pill off">time off</span>');
    expect(html).toContain('npx dutyloop calendar rotate');
    const token = 'feed-token-for-the-test';
    const rw = new Database(w.sql.name);
    rw.prepare('UPDATE workspaces SET calendar_token = ? WHERE id = ?').run(
      createHash('sha256').update(token).digest('hex'),
      ws,
    );
    rw.close();
    const ics = await get(`/calendar.ics?token=${token}`);
    expect(ics.status).toBe(200);
    expect(await ics.text()).toContain('BEGIN:VCALENDAR');
  });

  it('support health counts the last 12 weeks of tickets and every rating', async () => {
    const html = await (await get('/health')).text();
    const stat = Number(html.match(/id="stat-tickets">(\d+)</)?.[1]);
    const expected = (
      w.sql
        .prepare('SELECT COUNT(*) AS n FROM tickets WHERE workspace_id = ? AND created_at >= ?')
        .get(ws, healthFrom()) as { n: number }
    ).n;
    expect(stat).toBe(expected);
    expect(html).toContain('5 · wow');
    expect(html).toContain('target 10 min');
  });
});

describe('page security headers', () => {
  const topIssue = () =>
    (
      w.sql
        .prepare(
          'SELECT issue_id AS id FROM ticket_issue_links WHERE workspace_id = ? GROUP BY issue_id ORDER BY COUNT(*) DESC LIMIT 1',
        )
        .get(ws) as { id: number }
    ).id;

  it('every page, error page and the rating page forbid inline script and style, framing, sniffing and cross-site referrers', async () => {
    const paths = [
      '/',
      `/issues/${topIssue()}`,
      '/leaderboard?period=all',
      '/rotation',
      '/health',
      '/?window=abc',
      '/issues/999999',
      '/rate/not-a-token',
    ];
    for (const path of paths) {
      const res = await get(path);
      expect(res.headers.get('content-type'), path).toContain('text/html');
      const csp = Object.fromEntries(
        (res.headers.get('content-security-policy') ?? '')
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .map(([k, ...v]) => [k, v]),
      );
      expect(csp['script-src'], path).toEqual(["'self'"]);
      // 'self' and at most the hashes of exact inline stylesheets; never 'unsafe-inline'.
      expect(csp['style-src']?.[0], path).toBe("'self'");
      for (const s of csp['style-src']!.slice(1)) expect(s, path).toMatch(/^'sha256-[A-Za-z0-9+/]+=*'$/);
      expect(csp['default-src'], path).toEqual(["'none'"]);
      expect(csp['frame-ancestors'], path).toEqual(["'none'"]);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(['same-origin', 'no-referrer', 'strict-origin', 'strict-origin-when-cross-origin']).toContain(
        res.headers.get('referrer-policy'),
      );
      // What the policy forbids must not be in the pages either, or they would break.
      const html = await res.text();
      expect(html.match(/<script(?![^>]*\ssrc=)[^>]*>/g), path).toBeNull();
      expect(html.match(/\sstyle="/g), path).toBeNull();
      for (const [, css] of html.matchAll(/<style>([^<]*)<\/style>/g)) {
        expect(csp['style-src'], path).toContain(`'sha256-${createHash('sha256').update(css!).digest('base64')}'`);
      }
    }
  });

  it('the stylesheets and script are served by dutyloop itself, with nosniff', async () => {
    for (const [path, type] of [
      ['/assets/dashboard.css', 'text/css'],
      ['/assets/dashboard.js', 'text/javascript'],
    ] as const) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toContain(type);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });
});
