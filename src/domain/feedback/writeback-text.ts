import { DateTime } from 'luxon';
import type { IssueDemand } from './demand';

/** The hidden marker that finds dutyloop's one comment on a GitHub issue. */
export const demandMarker = '<!-- dutyloop:demand -->';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * One line of numbers for the tracker, e.g.
 * "Reported by 14 customers (21 tickets) · 9 in the last 30 days · first 2026-09-02, last 2026-11-20 · dutyloop".
 * Counts and dates only: no adjectives, no judgement, no customer data.
 */
export function demandLine(d: IssueDemand, zone: string): string {
  const parts = [
    `Reported by ${plural(d.all.customers, 'customer', 'customers')} (${plural(d.all.tickets, 'ticket', 'tickets')})`,
    `${d.windows['30d'].customers} in the last 30 days`,
  ];
  if (d.all.firstSeen !== null && d.all.lastSeen !== null) {
    const day = (ms: number) => DateTime.fromMillis(ms, { zone }).toISODate();
    parts.push(`first ${day(d.all.firstSeen)}, last ${day(d.all.lastSeen)}`);
  }
  parts.push('dutyloop');
  return parts.join(' · ');
}

export interface NamedCustomer {
  key: string;
  name?: string | null;
  company?: string | null;
}

/** The GitHub comment body: marker, the numbers, a link to the dashboard, and customers only when allowed. */
export function demandCommentBody(line: string, dashboardUrl: string, customers: NamedCustomer[]): string {
  const lines = [demandMarker, `**Customer demand** — ${line}`, '', `Details: ${dashboardUrl}`];
  if (customers.length > 0) {
    lines.push('', 'Customers:', ...customers.map((c) => `- ${c.company ?? c.name ?? c.key}`));
  }
  return lines.join('\n');
}
