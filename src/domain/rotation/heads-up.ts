import { DateTime } from 'luxon';

const dayNames = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/**
 * When a team hears that its duty is near: the working day before the period
 * starts, at the same local time as the handoff. A Monday handoff is announced
 * on the Friday before, not on Sunday.
 */
export function headsUpAt(
  periodStart: Date,
  zone: string,
  workingDays: readonly string[] = dayNames.slice(0, 5),
): Date {
  const days = new Set(workingDays.map((d) => dayNames.indexOf(d) + 1).filter((d) => d > 0));
  let d = DateTime.fromJSDate(periodStart, { zone });
  const { hour, minute } = d;
  for (let i = 0; i < 7; i++) {
    d = d.minus({ days: 1 }).set({ hour, minute });
    if (days.size === 0 || days.has(d.weekday)) return d.toJSDate();
  }
  return d.toJSDate();
}
