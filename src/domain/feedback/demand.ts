/**
 * Demand counts: how many tickets and distinct customers hit an issue over a
 * stated period. Numbers only — the board reports who and how many, over which
 * period, and leaves the judgement to product.
 */
export const demandWindows = ['7d', '30d', '90d', 'all'] as const;
export type DemandWindow = (typeof demandWindows)[number];

const DAY = 86_400_000;
export const windowDays: Record<Exclude<DemandWindow, 'all'>, number> = { '7d': 7, '30d': 30, '90d': 90 };

export function isDemandWindow(v: unknown): v is DemandWindow {
  return typeof v === 'string' && (demandWindows as readonly string[]).includes(v);
}

export interface WindowRange {
  from: number;
  to: number;
  /** The previous window of the same length; null for 'all'. */
  previous: { from: number; to: number } | null;
}

/** [from, to) in epoch ms; `to` is just after `now` so a ticket created at `now` counts. */
export function windowRange(window: DemandWindow, now: number): WindowRange {
  const to = now + 1;
  if (window === 'all') return { from: 0, to, previous: null };
  const len = windowDays[window] * DAY;
  return { from: to - len, to, previous: { from: to - 2 * len, to: to - len } };
}

/** A link as the counts see it: one ticket, its customer identity and creation time. */
export interface DemandLink {
  ticketId: number;
  customerKey: string;
  ticketCreatedAt: number;
}

export interface DemandCounts {
  tickets: number;
  customers: number;
  firstSeen: number | null;
  lastSeen: number | null;
}

/**
 * Counts over [from, to). A ticket linked twice (e.g. to two issues later merged
 * into one) counts once; the same customer twice counts once.
 */
export function countDemand(links: readonly DemandLink[], from = 0, to = Number.MAX_SAFE_INTEGER): DemandCounts {
  const tickets = new Set<number>();
  const customers = new Set<string>();
  let firstSeen: number | null = null;
  let lastSeen: number | null = null;
  for (const l of links) {
    if (l.ticketCreatedAt < from || l.ticketCreatedAt >= to) continue;
    tickets.add(l.ticketId);
    customers.add(l.customerKey);
    if (firstSeen === null || l.ticketCreatedAt < firstSeen) firstSeen = l.ticketCreatedAt;
    if (lastSeen === null || l.ticketCreatedAt > lastSeen) lastSeen = l.ticketCreatedAt;
  }
  return { tickets: tickets.size, customers: customers.size, firstSeen, lastSeen };
}

export interface IssueDemand {
  all: DemandCounts;
  windows: Record<
    Exclude<DemandWindow, 'all'>,
    DemandCounts & { previousTickets: number; previousCustomers: number; customersChange: number }
  >;
}

/** Every window at once, each with the change against the previous window of the same length. */
export function summariseDemand(links: readonly DemandLink[], now: number): IssueDemand {
  const windows = {} as IssueDemand['windows'];
  for (const w of ['7d', '30d', '90d'] as const) {
    const r = windowRange(w, now);
    const cur = countDemand(links, r.from, r.to);
    const prev = countDemand(links, r.previous!.from, r.previous!.to);
    windows[w] = {
      ...cur,
      previousTickets: prev.tickets,
      previousCustomers: prev.customers,
      customersChange: cur.customers - prev.customers,
    };
  }
  return { all: countDemand(links), windows };
}

/**
 * Links after merging duplicate issues into the survivor: the union of both,
 * one link per ticket (the same ticket linked to both counts once).
 */
export function mergeLinks<L extends DemandLink>(survivor: readonly L[], duplicate: readonly L[]): L[] {
  const seen = new Set(survivor.map((l) => l.ticketId));
  return [...survivor, ...duplicate.filter((l) => !seen.has(l.ticketId))];
}

/** The customer identity: the company if known, else the e-mail, else the Slack user. */
export function customerKeyOf(c: {
  company?: string | null;
  email?: string | null;
  slackUserId?: string | null;
}): string | null {
  if (c.company?.trim()) return `company:${c.company.trim().toLowerCase()}`;
  if (c.email?.trim()) return `email:${c.email.trim().toLowerCase()}`;
  if (c.slackUserId?.trim()) return `slack:${c.slackUserId.trim()}`;
  return null;
}
