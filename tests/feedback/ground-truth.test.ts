import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivePlan } from './support/ground-truth-drive';
import {
  expectedCurrentPeriod,
  expectedDemand,
  expectedHealth,
  expectedLeaderboard,
  expectedTrackerNumbers,
  type ExpectedDemand,
} from './support/ground-truth-expect';
import { buildPlan, type Plan } from './support/ground-truth-plan';
import { healthFrom, periodAt } from './support/ground-truth-zone';
import { startGroundTruthWorld, type GroundTruthWorld } from './support/ground-truth-world';

/**
 * Over a thousand tickets over ~120 days, sent through the app's real doors,
 * and the demand board, the leaderboard, support health and the trackers'
 * write-backs compared with what the test itself counts from what it sent.
 * The seed is in every failure's name. Another seed, or more tickets:
 * GROUND_TRUTH_SEED=123 GROUND_TRUTH_TICKETS=3000 npx vitest run tests/feedback/ground-truth.test.ts
 */
const seed = Number(process.env.GROUND_TRUTH_SEED ?? 20_261_120);
const ticketCount = Number(process.env.GROUND_TRUTH_TICKETS ?? 1_200);
const now = Date.parse('2026-11-20T15:30:00Z');

let plan: Plan;
let w: GroundTruthWorld | undefined;

const get = async (path: string, headers: Record<string, string>) => {
  const res = await fetch(`${w!.app.url}${path}`, { headers });
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
  return res;
};
const api = (path: string) => get(path, { authorization: `Bearer ${w!.apiToken}` }).then((r) => r.json());
let cookie: string | undefined;
/** A page as a signed-in member sees it. */
const page = async (path: string) => {
  cookie ??= await w!.signIn('U0OTTLEAD01');
  return (await get(path, { cookie })).text();
};
const sortedObject = <V>(m: Map<string, V>) => Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)));

describe(`numbers against a ground truth (seed ${seed}, ${ticketCount} tickets)`, () => {
  beforeAll(async () => {
    plan = buildPlan(seed, { tickets: ticketCount, now, days: 120 });
    w = await startGroundTruthWorld(plan.tickets[0]!.createdAt - 60_000);
    await drivePlan(w, plan);
    // Slack listeners work after their ack: let the last ones finish before anything is read.
    await new Promise((r) => setTimeout(r, 200));
    w.setTime(now);
    w.app.rt.outbox.kick();
    await w.app.rt.outbox.idle();
  }, 300_000);
  afterAll(async () => {
    await w?.stop();
  });

  it('the plan is the organisation it claims to be: every door, repeat customers, several links, retries, reopenings, unlinks, open and rated tickets', () => {
    const doors = new Set(plan.tickets.map((t) => t.door));
    expect([...doors].sort()).toEqual(['api', 'intake', 'reaction', 'shortcut']);
    const perCustomer = new Map<string, number>();
    for (const t of plan.tickets) perCustomer.set(t.customer, (perCustomer.get(t.customer) ?? 0) + 1);
    expect([...perCustomer.values()].filter((n) => n > 1).length).toBeGreaterThan(30);
    expect(plan.tickets.filter((t) => new Set(t.links.map((l) => l.issue)).size > 1).length).toBeGreaterThan(
      ticketCount / 50,
    );
    expect(plan.tickets.filter((t) => t.links.length === 0).length).toBeGreaterThan(ticketCount / 3);
    expect(plan.tickets.filter((t) => !t.resolve).length).toBeGreaterThan(ticketCount / 20);
    expect(plan.tickets.filter((t) => t.rating).length).toBeGreaterThan(ticketCount / 10);
    const some = (what: (t: Plan['tickets'][number]) => unknown) => plan.tickets.filter(what).length;
    expect({
      resentToApi: some((t) => t.api?.resendAt) > 0,
      slackRetries: some((t) => t.slack?.retry) > 0,
      reactionOnIntake: some((t) => t.reactionAt) > 0,
      anonymous: some((t) => t.customer.startsWith('anonymous:')) > 0,
      namedInShortcut: some((t) => t.slack?.customerField) > 0,
      requesterWroteFirst: some((t) => t.requesterReplyAt) > 0,
      reopenedAndResolvedAgain: some((t) => t.reopenAt && t.resolve) > 0,
      doubleLinked: some((t) => t.links.some((l) => l.twice)) > 0,
      unlinked: some((t) => t.links.some((l) => l.unlinkAt)) > 0,
    }).toEqual({
      resentToApi: true,
      slackRetries: true,
      reactionOnIntake: true,
      anonymous: true,
      namedInShortcut: true,
      requesterWroteFirst: true,
      reopenedAndResolvedAgain: true,
      doubleLinked: true,
      unlinked: true,
    });
  });

  it('the test’s own Berlin wall clock: handoffs at 10:00 local in summer and winter time, health from a local Monday midnight', () => {
    expect(new Date(periodAt(Date.parse('2026-07-01T12:00:00Z')).start).toISOString()).toBe('2026-06-22T08:00:00.000Z');
    expect(new Date(periodAt(now).start).toISOString()).toBe('2026-11-09T09:00:00.000Z');
    expect(new Date(periodAt(now).end).toISOString()).toBe('2026-11-23T09:00:00.000Z');
    expect(new Date(healthFrom(now, 84)).toISOString()).toBe('2026-08-30T22:00:00.000Z');
  });

  for (const window of ['7d', '30d', '90d', 'all'] as const) {
    it(`the demand board over ${window}: tickets and distinct customers per issue, and the window before`, async () => {
      const body = (await api(`/api/demand?window=${window}&limit=1000`)) as {
        issues: (ExpectedDemand & { key: string })[];
      };
      const seen = new Map(
        body.issues.map((i) => [
          i.key,
          {
            tickets: i.tickets,
            customers: i.customers,
            previousTickets: i.previousTickets,
            previousCustomers: i.previousCustomers,
            firstSeen: i.firstSeen,
            lastSeen: i.lastSeen,
          },
        ]),
      );
      expect(sortedObject(seen)).toEqual(sortedObject(expectedDemand(plan, w!.issueKey, window)));
      const order = body.issues.map((i) => [i.customers, i.tickets]);
      expect(order).toEqual([...order].sort((a, b) => b[0]! - a[0]! || b[1]! - a[1]!));

      // The same numbers in the CSV export and on the dashboard's demand board.
      const csv = await (
        await get(`/api/demand?window=${window}&limit=1000`, {
          authorization: `Bearer ${w!.apiToken}`,
          accept: 'text/csv',
        })
      ).text();
      const rows = parse(csv, { columns: true }) as Record<string, string>[];
      const counts = (m: Map<string, ExpectedDemand>) =>
        sortedObject(new Map([...m].map(([k, d]) => [k, [d.customers, d.tickets]])));
      expect(sortedObject(new Map(rows.map((r) => [r.key!, [Number(r.customers), Number(r.tickets)]])))).toEqual(
        counts(seen),
      );
      const html = await page(`/?window=${window}`);
      const board = [
        ...html.matchAll(
          /<div class="key">(?:GitHub|Linear) · ([^<]+)<\/div><\/td><td class="num" data-col="customers"><strong>(\d+)<\/strong><\/td><td class="num" data-col="tickets">(\d+)</g,
        ),
      ];
      expect(sortedObject(new Map(board.map((m) => [m[1]!, [Number(m[2]), Number(m[3])]])))).toEqual(counts(seen));
    });
  }

  it('the all-time leaderboard: per person resolved tickets, ratings, rating average and first-response median, the team total first', async () => {
    const board = (await api('/api/leaderboard?period=all')) as LeaderboardBody;
    const want = expectedLeaderboard(plan, -Infinity, Infinity);
    expect(sortedObject(peopleOf(board))).toEqual(sortedObject(want.people));
    expect(board.total).toEqual(want.total);
    const handled = board.entries.map((e) => e.handled);
    expect(handled).toEqual([...handled].sort((a, b) => b - a));
  });

  it('the current duty period’s leaderboard counts only what was resolved in it and lists idle on-duty members apart', async () => {
    const board = (await api('/api/leaderboard?period=current')) as LeaderboardBody & {
      team: string;
      from: number;
      to: number;
    };
    const want = expectedCurrentPeriod(plan);
    expect({ team: board.team, from: board.from, to: board.to }).toEqual({
      team: want.team.name,
      from: want.start,
      to: want.end,
    });
    expect(sortedObject(peopleOf(board))).toEqual(sortedObject(want.board.people));
    expect(board.total).toEqual(want.board.total);
    expect(board.alsoOnDuty.map((p) => p.userId).sort()).toEqual([...want.idle].sort());
    expect(want.quietIsIdle).toBe(true);
  });

  it('support health over 12 weeks: tickets, first-response median and share within target, ratings and sources', async () => {
    const html = await page('/health');
    const want = expectedHealth(plan, 10);
    const stat = (id: string) => new RegExp(`id="${id}">([^<]*)<`).exec(html)?.[1];
    expect(Number(stat('stat-tickets'))).toBe(want.tickets);
    const fr = want.firstResponseMedianMin!;
    expect(stat('stat-fr')).toBe(fr < 90 ? `${fr.toFixed(1)} min` : `${(fr / 60).toFixed(1)} h`);
    expect(stat('stat-within')).toBe(`${Math.round(want.withinTargetShare! * 100)}%`);
    expect(/<div class="n">([^<]*)<\/div><div class="l">average rating/.exec(html)?.[1]).toBe(
      want.ratingAvg!.toFixed(2),
    );
    // Each bar is a table row: its label first, its number last.
    const bars = (section: string) =>
      Object.fromEntries(
        [...section.matchAll(/<tr>\s*<td[^>]*>([^<]*)<\/td>[\s\S]*?<td class="num"[^>]*>(\d+)<\/td>\s*<\/tr>/g)].map(
          (m) => [m[1]!, Number(m[2])],
        ),
      );
    const [ratingsHtml, sourcesHtml] = html.split('id="ratings"')[1]!.split('id="sources"');
    expect(Object.values(bars(ratingsHtml!)).reverse()).toEqual(want.ratings);
    const sourceName = { api: 'helpdesk', intake: 'intake', reaction: 'reaction', shortcut: 'shortcut' } as Record<
      string,
      string
    >;
    expect(bars(sourcesHtml!)).toEqual(
      Object.fromEntries([...want.sources].map(([door, n]) => [sourceName[door]!, n])),
    );
  });

  // Last: it moves the clock past now, so the write-backs held for their minute go out.
  it('every issue ever linked carries the same all-time numbers in its tracker: the GitHub comment, the Linear attachment', async () => {
    const want = expectedTrackerNumbers(plan, w!.issueKey);
    const written = () => new Map([...want.keys()].map((key) => [key, w!.trackerText(key)]));
    const matches = () => [...want].every(([key, parts]) => parts.every((p) => written().get(key)?.includes(p)));
    for (let i = 0; i < 10 && !matches(); i++) {
      w!.setTime(now + (i + 1) * 60_000);
      w!.app.rt.outbox.kick();
      await w!.app.rt.outbox.idle();
    }
    const shown = sortedObject(
      new Map([...want].map(([key, parts]) => [key, parts.filter((p) => written().get(key)?.includes(p))])),
    );
    expect(shown).toEqual(sortedObject(want));
  });
});

interface LeaderboardBody {
  total: unknown;
  entries: {
    userId: string;
    handled: number;
    ratings: number;
    averageRating: number | null;
    medianFirstResponseMs: number | null;
  }[];
  alsoOnDuty: { userId: string }[];
}

function peopleOf(board: LeaderboardBody) {
  return new Map(
    board.entries.map((e) => [
      e.userId,
      {
        handled: e.handled,
        ratings: e.ratings,
        averageRating: e.averageRating,
        medianFirstResponseMs: e.medianFirstResponseMs,
      },
    ]),
  );
}
