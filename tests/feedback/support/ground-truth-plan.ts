/**
 * A seeded, deterministic plan of a support organisation's last ~120 days:
 * who asked what, through which door, who answered, resolved, rated, and
 * which issues each ticket was linked to. The plan is the test's own record;
 * the expected numbers are counted from it in plain TypeScript, never read
 * back from the app's database.
 */

import { seededRandom } from '../../../src/app/demo/random';
import { healthFrom, periodAt } from './ground-truth-zone';

export const DAY = 86_400_000;
const HOUR = 3_600_000;
const MIN = 60_000;

export type Door = 'api' | 'intake' | 'reaction' | 'shortcut';

export const channels = {
  duty: 'C0DUTY00001',
  intake: 'C0INTAKE001',
  general: 'C0GENERAL01',
  support: 'C0SUPPORT01',
} as const;

/** On duty but never answers: must be listed as "also on duty", never at the bottom. */
export const quietMember = 'U0OTTQUIET1';
export const operators = ['U0OPSUP0001', 'U0OPSUP0002'];

export const githubIssues = 24;
export const linearIssues = 16;

/** Who a ticket is from, as the test understands it (the ground-truth customer identity). */
interface ApiPerson {
  kind: 'api';
  identity: string;
  id?: string;
  email?: string;
  name?: string;
  company?: string;
}
interface SlackPerson {
  kind: 'slack';
  identity: string;
  userId: string;
}

export interface PlannedLink {
  at: number;
  issue: number;
  by: string;
  twice: boolean;
  /** Taken back in the modal (a wrong pick): the ticket no longer counts for that issue. */
  unlinkAt?: number;
}

export interface PlannedTicket {
  serial: number;
  /** Unique words in the text, so the card in the duty channel can be told apart. */
  tag: string;
  door: Door;
  createdAt: number;
  /** Ground-truth customer identity: one per company, else one per person; an anonymous request is its own customer. */
  customer: string;
  text: string;
  api?: { externalId: string; customer: Record<string, string>; resendAt?: number };
  slack?: { requester: string; channel: string; ts: string; customerField?: string; retry: boolean };
  requesterReplyAt?: number;
  /** An operator puts :ticket: on the intake message too: still one ticket. */
  reactionAt?: number;
  response?: { at: number; by: string; where: 'card' | 'origin' };
  claim?: { at: number; by: string };
  /** Resolved, then the requester wrote again (reopened); `resolve` is the resolution that stands. */
  firstResolve?: { at: number; by: string };
  reopenAt?: number;
  resolve?: { at: number; by: string };
  rating?: { at: number; value: number };
  links: PlannedLink[];
}

export interface Plan {
  seed: number;
  now: number;
  tickets: PlannedTicket[];
}

function customersOf(): { api: ApiPerson[]; slack: SlackPerson[] } {
  const api: ApiPerson[] = [];
  const companies = [
    'Acme GmbH',
    'Globex',
    'Initech',
    'Umbrella Health',
    'Stark Logistics',
    'Wayne Retail',
    'Hooli',
    'Vandelay Imports',
  ];
  for (const [c, company] of companies.entries()) {
    // Several people of one company are one customer.
    for (let p = 0; p < 1 + (c % 3); p++)
      api.push({
        kind: 'api',
        identity: `org:${company.toLowerCase()}`,
        email: `p${p}@${company.split(' ')[0]!.toLowerCase()}.example`,
        name: `Person ${p} of ${company}`,
        company,
      });
  }
  for (let i = 0; i < 40; i++)
    api.push({ kind: 'api', identity: `person:mail-${i}`, email: `user${i}@mail${i % 7}.example`, name: `User ${i}` });
  for (let i = 0; i < 15; i++) api.push({ kind: 'api', identity: `person:hd-${i}`, id: `hd-${1000 + i}` });
  const slack: SlackPerson[] = [];
  for (let i = 0; i < 30; i++) {
    const userId = `U0CUST${String(i).padStart(5, '0')}`;
    slack.push({ kind: 'slack', identity: `person:${userId}`, userId });
  }
  return { api, slack };
}

/** Zipf-like: a few issues get most of the demand, as in real life. */
function pickIssue(rnd: () => number): number {
  const n = githubIssues + linearIssues;
  return Math.min(n - 1, Math.floor(n * rnd() ** 2.2));
}

/** Response delays sit on the all-time leaderboard's bucket bounds (6 s under an hour, 1 min under a day, 1 h beyond), so its medians are exact. */
function responseDelay(rnd: () => number): number {
  const r = rnd();
  // Exactly on the 10-minute target: that is within it.
  if (r < 0.04) return 10 * MIN;
  if (r < 0.7) return (1 + Math.floor(rnd() * 599)) * 6_000;
  if (r < 0.95) return (60 + Math.floor(rnd() * 1380)) * MIN;
  return (24 + Math.floor(rnd() * 48)) * HOUR;
}

const vary = (s: string, rnd: () => number) =>
  rnd() < 0.3 ? s.toUpperCase() : rnd() < 0.5 ? s[0]!.toUpperCase() + s.slice(1) : s;

export function buildPlan(seed: number, opts: { tickets: number; now: number; days: number }): Plan {
  // The demo's seeded generator: randomness only, no numbers come from the app.
  const rnd = seededRandom(seed).next;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const people = customersOf();
  const taken = new Set<number>();
  const tickets: PlannedTicket[] = [];
  const starts = Array.from(
    { length: opts.tickets },
    () => opts.now - Math.floor((rnd() * opts.days * DAY) / 1000) * 1000 - 10 * MIN,
  ).sort((a, b) => a - b);
  for (const [serial, start] of starts.entries()) {
    const door: Door = pick(['api', 'api', 'api', 'intake', 'intake', 'reaction', 'shortcut']);
    const tag = `gt${String(serial).padStart(5, '0')}`;
    const t: PlannedTicket = {
      serial,
      tag,
      door,
      createdAt: start,
      customer: '',
      text: `[${tag}] ${pick(['Export fails', 'Login loops', 'Invoice wrong', 'Slow dashboard', 'Sync stuck'])} for us`,
      links: [],
    };
    if (door === 'api') {
      const anonymous = rnd() < 0.04;
      const p = anonymous ? null : pick(people.api);
      const customer: Record<string, string> = {};
      if (p?.id) customer.id = p.id;
      if (p?.email) customer.email = vary(p.email, rnd);
      if (p?.name) customer.name = p.name;
      if (p?.company) customer.company = vary(p.company, rnd);
      t.customer = p ? p.identity : `anonymous:${serial}`;
      t.api = { externalId: `HD-${seed}-${serial}`, customer };
    } else {
      const requester = pick(people.slack);
      t.customer = requester.identity;
      const channel = door === 'intake' ? channels.intake : door === 'reaction' ? channels.general : channels.support;
      t.slack = { requester: requester.userId, channel, ts: '', retry: door === 'intake' && rnd() < 0.05 };
      if (door === 'shortcut' && rnd() < 0.5) {
        // The operator names the customer in the modal: that identity wins over the Slack requester.
        const named = pick(people.api.filter((x) => x.company || x.email));
        t.slack.customerField = named.company ? `${named.name} (${vary(named.company, rnd)})` : vary(named.email!, rnd);
        t.customer = named.identity;
      }
    }
    planWork(t, rnd, pick);
    placeWithoutCollisions(t, taken, opts.now);
    if (t.slack) t.slack.ts = `${Math.floor(t.createdAt / 1000)}.${String(serial).padStart(6, '0')}`;
    tickets.push(t);
  }
  for (const t of boundaryTickets(seed, opts.now, tickets.length)) {
    placeWithoutCollisions(t, taken, opts.now);
    tickets.push(t);
  }
  return { seed, now: opts.now, tickets };
}

/**
 * Tickets half an hour either side of two local-time edges: the current duty
 * period's handoff (10:00 Berlin) and the first Monday (00:00 Berlin) of the
 * health page. An edge taken in UTC, or in the wrong offset, moves them across.
 */
function boundaryTickets(seed: number, now: number, firstSerial: number): PlannedTicket[] {
  const period = periodAt(now);
  const lead = period.team.lead;
  const health = healthFrom(now, 84);
  const specs = [
    { createdAt: period.start - 3 * HOUR, resolvedAt: period.start + 30 * MIN, rating: 5 },
    { createdAt: period.start - 3 * HOUR - MIN, resolvedAt: period.start - 30 * MIN, rating: 2 },
    { createdAt: health + 30 * MIN, resolvedAt: health + 2 * HOUR, rating: 4 },
    { createdAt: health - 30 * MIN, resolvedAt: health + 3 * HOUR, rating: 1 },
  ];
  return specs.map((spec, i) => {
    const serial = firstSerial + i;
    const tag = `gt${String(serial).padStart(5, '0')}`;
    return {
      serial,
      tag,
      door: 'api',
      createdAt: spec.createdAt,
      customer: `person:edge-${i}`,
      text: `[${tag}] Edge case ${i}`,
      api: { externalId: `HD-${seed}-edge-${i}`, customer: { email: `edge${i}@edge.example` } },
      response: { at: spec.createdAt + 6 * MIN, by: lead, where: 'card' },
      resolve: { at: spec.resolvedAt, by: lead },
      rating: { at: spec.resolvedAt + HOUR, value: spec.rating },
      links: [],
    } satisfies PlannedTicket;
  });
}

function planWork(t: PlannedTicket, rnd: () => number, pick: <T>(xs: readonly T[]) => T): void {
  const c = t.createdAt;
  const onDuty = periodAt(c).team.members.filter((m) => m !== quietMember);
  const someone = () => (rnd() < 0.15 ? pick(operators) : pick(onDuty));
  if (t.api && rnd() < 0.04) t.api.resendAt = c + (1 + Math.floor(rnd() * 600)) * 1000;
  const delay = rnd() < 0.85 ? responseDelay(rnd) : null;
  if (t.slack && rnd() < 0.12)
    t.requesterReplyAt = c + (delay ? Math.max(1000, Math.floor(delay / 2 / 1000) * 1000) : 30 * MIN);
  if (delay !== null) t.response = { at: c + delay, by: someone(), where: t.slack && rnd() < 0.5 ? 'origin' : 'card' };
  const after = t.response?.at ?? c;
  if (rnd() < 0.35) t.claim = { at: after + (1 + Math.floor(rnd() * 120)) * 1000, by: someone() };
  if (t.slack && t.door === 'intake' && rnd() < 0.06) t.reactionAt = c + (1 + Math.floor(rnd() * 600)) * 1000;
  if (t.response && rnd() < 0.8) {
    const by = t.claim && rnd() < 0.8 ? t.claim.by : someone();
    t.resolve = { at: Math.max(after, t.claim?.at ?? 0) + (1 + Math.floor(rnd() * 72 * 60)) * MIN, by };
    if (t.slack && rnd() < 0.1) {
      t.firstResolve = t.resolve;
      t.reopenAt = t.firstResolve.at + (1 + Math.floor(rnd() * 24 * 60)) * MIN;
      t.resolve = { at: t.reopenAt + (1 + Math.floor(rnd() * 48 * 60)) * MIN, by: someone() };
    }
    if (rnd() < 0.45)
      t.rating = { at: t.resolve.at + (1 + Math.floor(rnd() * 48 * 60)) * MIN, value: pick([1, 2, 3, 4, 4, 5, 5, 5]) };
  }
  if (rnd() < 0.4) {
    const n = rnd() < 0.75 ? 1 : rnd() < 0.7 ? 2 : 3;
    const issues = new Set<number>();
    while (issues.size < n) issues.add(pickIssue(rnd));
    for (const issue of issues) {
      const link: PlannedLink = {
        at: c + (1 + Math.floor(rnd() * 3 * 24 * 60)) * MIN,
        issue,
        by: pick(operators),
        twice: rnd() < 0.05,
      };
      if (rnd() < 0.05) link.unlinkAt = link.at + (1 + Math.floor(rnd() * 24 * 60)) * MIN;
      t.links.push(link);
    }
  }
}

/** Every instant the test sets on the clock is used once: the whole ticket moves a second later until none of its instants is taken. */
function placeWithoutCollisions(t: PlannedTicket, taken: Set<number>, now: number): void {
  const instants = () =>
    [
      t.createdAt,
      t.api?.resendAt,
      t.requesterReplyAt,
      t.reactionAt,
      t.response?.at,
      t.claim?.at,
      t.firstResolve?.at,
      t.reopenAt,
      t.resolve?.at,
      t.rating?.at,
      ...t.links.flatMap((l) => [l.at, l.twice ? l.at + 1000 : undefined, l.unlinkAt]),
    ].filter((x): x is number => x !== undefined);
  while (instants().some((x) => taken.has(x))) shiftTicket(t, 1000);
  dropFuture(t, now);
  for (const x of instants()) taken.add(x);
}

function shiftTicket(t: PlannedTicket, ms: number): void {
  t.createdAt += ms;
  if (t.api?.resendAt) t.api.resendAt += ms;
  if (t.requesterReplyAt) t.requesterReplyAt += ms;
  if (t.reactionAt) t.reactionAt += ms;
  if (t.reopenAt) t.reopenAt += ms;
  for (const e of [t.response, t.claim, t.firstResolve, t.resolve, t.rating, ...t.links]) if (e) e.at += ms;
  for (const l of t.links) if (l.unlinkAt) l.unlinkAt += ms;
}

/** What would happen after "now" has not happened yet: recent tickets are still open. */
function dropFuture(t: PlannedTicket, now: number): void {
  if (t.api?.resendAt && t.api.resendAt > now) delete t.api.resendAt;
  if (t.requesterReplyAt && t.requesterReplyAt > now) delete t.requesterReplyAt;
  if (t.reactionAt && t.reactionAt > now) delete t.reactionAt;
  if (t.reopenAt && t.reopenAt > now) {
    // Not reopened yet: the first resolution stands (if that happened already).
    t.resolve = t.firstResolve;
    delete t.firstResolve;
    delete t.reopenAt;
  }
  if (t.response && t.response.at > now) delete t.response;
  if (t.claim && t.claim.at > now) delete t.claim;
  if (t.resolve && t.resolve.at > now) delete t.resolve;
  if (t.rating && (t.rating.at > now || !t.resolve)) delete t.rating;
  t.links = t.links.filter((l) => l.at + (l.twice ? 1000 : 0) <= now);
  for (const l of t.links) if (l.unlinkAt && l.unlinkAt > now) delete l.unlinkAt;
}
