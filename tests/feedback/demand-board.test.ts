import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { linkTicketToIssue } from '../../src/services/feedback/link-ticket';
import { settle, startFeedbackWorld, type FeedbackWorld } from './support/feedback-app';
import { postSlack, slashCommand } from './../harness/webhook-requests';
import { teamId } from '../support/app';
import { readerHeaders } from '../dashboard/support/api-token';

const DAY = 86_400_000;
let w: FeedbackWorld | undefined;
afterEach(async () => {
  await w?.stop();
  w = undefined;
});

/** Issue A: 3 customers this week, 1 the week before (first seen 10 days ago); issue B: new this week. */
async function seed(world: FeedbackWorld) {
  const now = world.clock.now().getTime();
  const a = world.ln.addIssue('ENG', 'Export times out');
  const b = world.ln.addIssue('ENG', 'Invoice totals rounding');
  const add = async (issue: { id: string; identifier: string }, customerKey: string, daysAgo: number) => {
    const t = await world.ticket({ text: `ticket ${customerKey}`, customerKey, createdAt: now - daysAgo * DAY });
    await linkTicketToIssue({
      ctx: world.app.rt.ctx,
      input: { ticketId: t, choice: `linear:${issue.id}|${issue.identifier}`, linkedBy: 'U0OPERATOR' },
    });
  };
  await add(a, 'company:old', 10);
  await add(a, 'company:x', 1);
  await add(a, 'company:y', 2);
  await add(a, 'company:y', 3);
  await add(a, 'company:z', 4);
  await add(b, 'company:x', 2);
}

describe('GET /api/demand', () => {
  it('answers JSON by window with the previous window, CSV on request, and 400 naming the allowed windows', async () => {
    w = await startFeedbackWorld({ now: '2026-11-20T12:00:00Z' });
    await seed(w);
    const headers = await readerHeaders(w.app, teamId);
    const unsigned = await fetch(`${w.app.url}/api/demand?window=7d`);
    expect(unsigned.status).toBe(401);
    const json = (await (await fetch(`${w.app.url}/api/demand?window=7d`, { headers })).json()) as {
      issues: { key: string; customers: number; tickets: number; previousCustomers: number; customersChange: number }[];
    };
    expect(json.issues.map((i) => [i.key, i.customers, i.tickets, i.previousCustomers, i.customersChange])).toEqual([
      ['ENG-1', 3, 4, 1, 2],
      ['ENG-2', 1, 1, 0, 1],
    ]);
    const all = (await (await fetch(`${w.app.url}/api/demand?window=all`, { headers })).json()) as {
      issues: { customers: number; previousCustomers: unknown }[];
    };
    expect(all.issues[0]).toMatchObject({ customers: 4, previousCustomers: null });

    for (const res of [
      await fetch(`${w.app.url}/api/demand?window=30d`, { headers: { ...headers, accept: 'text/csv' } }),
      await fetch(`${w.app.url}/api/demand?window=30d&format=csv`, { headers }),
    ]) {
      expect(res.headers.get('content-type')).toMatch(/text\/csv/);
      const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
      expect(rows.map((r) => [r.key, r.customers, r.tickets])).toEqual([
        ['ENG-1', '4', '5'],
        ['ENG-2', '1', '1'],
      ]);
    }

    const bad = await fetch(`${w.app.url}/api/demand?window=2w`, { headers });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toBe('window must be one of 7d, 30d, 90d, all');
  });
});

describe('/duty demand', () => {
  it('answers with the top issues over 30 days, counts only', async () => {
    w = await startFeedbackWorld({ now: '2026-11-20T12:00:00Z' });
    await seed(w);
    const res = await postSlack(
      w.app.slackTarget,
      slashCommand({ text: 'demand', response_url: w.slack.responseUrl('demand') }),
      w.clock.now().getTime(),
    );
    expect(res.status).toBe(200);
    for (let i = 0; i < 50 && w.slack.responses.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    const text = JSON.stringify(w.slack.responses[0]?.body);
    expect(text).toContain('ENG-1');
    expect(text).toContain('4 customers, 5 tickets');
    expect(text.indexOf('ENG-1')).toBeLessThan(text.indexOf('ENG-2'));
  });
});

describe('the weekly digest', () => {
  it('runs on Monday morning in the product channel once, with top issues, new ones and risers; a week later it runs again', async () => {
    w = await startFeedbackWorld({ now: '2026-11-20T12:00:00Z' });
    await seed(w);
    const job = w.app.rt.scheduler.list().find((j) => j.name === 'feedback.digest')!;
    expect(job).toMatchObject({ cron: '0 9 * * 1', timezone: 'UTC' });

    w.clock.set('2026-11-23T09:00:00Z');
    await w.app.rt.scheduler.runNow('feedback.digest');
    await w.app.rt.scheduler.runNow('feedback.digest');
    await settle(w);
    const posts = w.slack.of('chat.postMessage').filter((c) => c.args.channel === 'C0PRODUCT01');
    expect(posts).toHaveLength(1);
    const text = JSON.stringify(posts[0]!.args.blocks);
    expect(text).toMatch(/Top issues this week.*ENG-1/);
    expect(text).toMatch(/New this week.*ENG-2/);
    expect(text).toMatch(/Biggest risers.*ENG-1.*\(\+/);
    expect(text).not.toMatch(/hate|love|terrible|many customers/i);

    w.clock.set('2026-11-30T09:00:00Z');
    await w.app.rt.scheduler.runNow('feedback.digest');
    await settle(w);
    expect(w.slack.of('chat.postMessage').filter((c) => c.args.channel === 'C0PRODUCT01')).toHaveLength(2);
  });
});

describe('CSV export', () => {
  it('a title that starts a formula is written as text, and numbers (even negative ones) stay numbers', async () => {
    w = await startFeedbackWorld({ now: '2026-11-20T12:00:00Z' });
    const now = w.clock.now().getTime();
    w.gh.addIssue('acme/app', '=HYPERLINK("https://evil.example","x")');
    w.gh.addIssue('acme/app', '@SUM(1+1)');
    for (const [customerKey, daysAgo, issue] of [
      ['company:a', 40, 1],
      ['company:b', 45, 1],
      ['company:c', 2, 1],
      ['company:d', 1, 2],
    ] as const) {
      const t = await w.ticket({ text: 'broken', customerKey, createdAt: now - daysAgo * DAY });
      await linkTicketToIssue({
        ctx: w.app.rt.ctx,
        input: { ticketId: t, choice: `github:acme/app#${issue}`, linkedBy: 'U0OPERATOR' },
      });
    }
    const res = await fetch(`${w.app.url}/api/demand?window=30d`, {
      headers: { ...(await readerHeaders(w.app, teamId)), accept: 'text/csv' },
    });
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(byKey['acme/app#1']).toMatchObject({
      title: '\'=HYPERLINK("https://evil.example","x")',
      customers: '1',
      previousCustomers: '2',
      customersChange: '-1',
    });
    expect(byKey['acme/app#2']!.title).toBe("'@SUM(1+1)");
    expect(byKey['acme/app#2']!.url).toMatch(/^http/);
  });
});
