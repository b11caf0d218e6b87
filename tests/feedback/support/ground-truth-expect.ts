/**
 * The numbers a product manager and a duty team should see, counted from the
 * test's own record of what it sent, in plain TypeScript.
 */
import { DAY, quietMember, type Plan, type PlannedTicket } from './ground-truth-plan';
import { healthFrom, localParts, periodAt } from './ground-truth-zone';

export function medianOf(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export interface ExpectedDemand {
  tickets: number;
  customers: number;
  previousTickets: number | null;
  previousCustomers: number | null;
  firstSeen: number;
  lastSeen: number;
}

/** Per issue key: tickets and distinct customers created in the window (and the window before), first and last ticket of all time. */
export function expectedDemand(
  plan: Plan,
  keyOf: (issue: number) => string,
  window: '7d' | '30d' | '90d' | 'all',
): Map<string, ExpectedDemand> {
  const byIssue = new Map<number, PlannedTicket[]>();
  for (const t of plan.tickets) {
    const linked = new Set(t.links.filter((l) => l.unlinkAt === undefined).map((l) => l.issue));
    for (const issue of linked) byIssue.set(issue, [...(byIssue.get(issue) ?? []), t]);
  }
  const days = window === 'all' ? null : Number(window.slice(0, -1));
  const count = (ts: PlannedTicket[], from: number, to: number) => {
    const inside = ts.filter((t) => t.createdAt >= from && t.createdAt <= to);
    return { tickets: inside.length, customers: new Set(inside.map((t) => t.customer)).size };
  };
  const out = new Map<string, ExpectedDemand>();
  for (const [issue, ts] of byIssue) {
    // A window of N days ends now (a ticket created this instant counts) and reaches back N days.
    const cur = days === null ? count(ts, -Infinity, plan.now) : count(ts, plan.now - days * DAY + 1, plan.now);
    if (cur.tickets === 0) continue;
    const prev = days === null ? null : count(ts, plan.now - 2 * days * DAY + 1, plan.now - days * DAY);
    const times = ts.map((t) => t.createdAt);
    out.set(keyOf(issue), {
      ...cur,
      previousTickets: prev?.tickets ?? null,
      previousCustomers: prev?.customers ?? null,
      firstSeen: Math.min(...times),
      lastSeen: Math.max(...times),
    });
  }
  return out;
}

export interface ExpectedPerson {
  handled: number;
  ratings: number;
  averageRating: number | null;
  medianFirstResponseMs: number | null;
}

/** Per person who resolved tickets in [from, to): how many, their first-response median and rating average; and the whole team first. */
export function expectedLeaderboard(plan: Plan, from: number, to: number) {
  const resolved = plan.tickets.filter((t) => t.resolve && t.resolve.at >= from && t.resolve.at < to);
  const people = new Map<string, PlannedTicket[]>();
  for (const t of resolved) people.set(t.resolve!.by, [...(people.get(t.resolve!.by) ?? []), t]);
  const figures = (ts: PlannedTicket[]): ExpectedPerson => {
    const ratings = ts.flatMap((t) => (t.rating ? [t.rating.value] : []));
    return {
      handled: ts.length,
      ratings: ratings.length,
      averageRating: mean(ratings),
      medianFirstResponseMs: medianOf(ts.flatMap((t) => (t.response ? [t.response.at - t.createdAt] : []))),
    };
  };
  const all = figures(resolved);
  return {
    total: {
      handled: all.handled,
      medianFirstResponseMs: all.medianFirstResponseMs,
      averageRating: all.averageRating,
      people: people.size,
    },
    people: new Map([...people].map(([who, ts]) => [who, figures(ts)])),
  };
}

/** The current duty period and who is on duty but resolved nothing in it. */
export function expectedCurrentPeriod(plan: Plan) {
  const p = periodAt(plan.now);
  const board = expectedLeaderboard(plan, p.start, p.end);
  const idle = p.team.members.filter((m) => !board.people.has(m));
  return { ...p, board, idle, quietIsIdle: idle.includes(quietMember) };
}

/** Support health over whole local weeks (Monday 00:00) from the Monday after 12 weeks back, up to now. */
export function expectedHealth(plan: Plan, targetMinutes: number) {
  const from = healthFrom(plan.now, 84);
  const ts = plan.tickets.filter((t) => t.createdAt >= from && t.createdAt < plan.now);
  const firstResponseMin = ts.flatMap((t) => (t.response ? [(t.response.at - t.createdAt) / 60_000] : []));
  const ratings = [1, 2, 3, 4, 5].map((r) => ts.filter((t) => t.rating?.value === r).length);
  const rated = ts.flatMap((t) => (t.rating ? [t.rating.value] : []));
  const sources = new Map<string, number>();
  for (const t of ts) sources.set(t.door, (sources.get(t.door) ?? 0) + 1);
  return {
    from,
    tickets: ts.length,
    firstResponseMedianMin: medianOf(firstResponseMin),
    withinTargetShare: firstResponseMin.length
      ? firstResponseMin.filter((m) => m <= targetMinutes).length / firstResponseMin.length
      : null,
    ratingAvg: mean(rated),
    ratings,
    sources,
  };
}

/**
 * What the tracker itself should say about each issue ever linked (the comment
 * on GitHub, the attachment on Linear): all-time customers and tickets, and the
 * local dates of the first and last ticket.
 */
export function expectedTrackerNumbers(plan: Plan, keyOf: (issue: number) => string): Map<string, string[]> {
  const all = expectedDemand(plan, keyOf, 'all');
  const everLinked = new Set(plan.tickets.flatMap((t) => t.links.map((l) => keyOf(l.issue))));
  const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  const day = (ms: number) => {
    const p = localParts(ms);
    return `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
  };
  return new Map(
    [...everLinked].map((key) => {
      const d = all.get(key);
      if (!d) return [key, ['Reported by 0 customers (0 tickets)']];
      return [
        key,
        [
          `Reported by ${plural(d.customers, 'customer')} (${plural(d.tickets, 'ticket')})`,
          `first ${day(d.firstSeen)}, last ${day(d.lastSeen)}`,
        ],
      ];
    }),
  );
}
