import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTopics } from '../../src/app/demo/organisation';
import { startDemoWorld, ws, type DemoWorld } from '../dashboard/support/demo';

const DAY = 86_400_000;
let w: DemoWorld;
beforeAll(async () => {
  w = await startDemoWorld();
}, 120_000);
afterAll(async () => {
  await w?.stop();
});

/** The rows of the Health page's topics table, in page order. */
function topicRows(html: string) {
  return [
    ...html.matchAll(
      /<tr data-topic="([^"]+)"><td>[^<]*<\/td><td class="num" data-col="tickets">(\d+)<\/td><td class="num" data-col="previous">(\d+)<\/td><td class="num" data-col="change">([^<]+)<\/td><td class="num" data-col="customers">(\d+)</g,
    ),
  ].map((m) => ({
    topic: m[1]!,
    tickets: Number(m[2]),
    previous: Number(m[3]),
    change: m[4]!,
    customers: Number(m[5]),
  }));
}

describe('topics on the Health page', () => {
  it('the demo tickets carry topics, and the page lists the most frequent of the last 30 days beside the 30 before', async () => {
    const used = w.sql
      .prepare('SELECT topic, COUNT(*) AS n FROM tickets WHERE workspace_id = ? GROUP BY topic')
      .all(ws) as { topic: string; n: number }[];
    expect(used.filter((u) => u.topic !== 'other').length).toBeGreaterThanOrEqual(6);

    const res = await fetch(`${w.url}/health`);
    const now = Date.now();
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Top topics, last 30 days');
    const rows = topicRows(html);
    const count = (from: number, to: number) =>
      new Map(
        (
          w.sql
            .prepare(
              'SELECT topic, COUNT(*) AS n, COUNT(DISTINCT customer_key) AS c FROM tickets WHERE workspace_id = ? AND created_at >= ? AND created_at < ? GROUP BY topic',
            )
            .all(ws, from, to) as { topic: string; n: number; c: number }[]
        ).map((r) => [r.topic, r]),
      );
    const current = count(now + 1 - 30 * DAY, now + 1);
    const before = count(now + 1 - 60 * DAY, now + 1 - 30 * DAY);
    const expected = [...new Set([...Object.keys(demoTopics), 'other'])]
      .map((topic) => ({
        topic,
        tickets: current.get(topic)?.n ?? 0,
        previous: before.get(topic)?.n ?? 0,
        customers: current.get(topic)?.c ?? 0,
      }))
      .filter((r) => r.tickets > 0 || r.previous > 0)
      .sort((a, b) => b.tickets - a.tickets)
      .slice(0, 8);
    expect(rows.map(({ topic, tickets, previous, customers }) => ({ topic, tickets, previous, customers }))).toEqual(
      expect.arrayContaining(expected),
    );
    expect(rows.map((r) => r.tickets)).toEqual(expected.map((r) => r.tickets));
    for (const r of rows)
      expect(r.change).toBe(
        r.tickets > r.previous
          ? `+${r.tickets - r.previous}`
          : r.tickets < r.previous
            ? `−${r.previous - r.tickets}`
            : '0',
      );
    // Numbers, no verdicts.
    expect(html).not.toMatch(/worst|problem area/i);
  });
});
