import { DateTime } from 'luxon';

/**
 * Where the support-health page's "last N days" begins: `days` calendar days
 * before `now` in the organisation's zone. Across a summer-time change that
 * is not `days` × 24 h, which on a Sunday evening lands in the next week and
 * shows one weekly bar too few.
 */
export function healthSince(now: number, zone: string, days: number): number {
  return DateTime.fromMillis(now, { zone }).minus({ days }).toMillis();
}
