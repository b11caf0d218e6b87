/**
 * The organisation's wall clock (Europe/Berlin, with its summer-time changes
 * inside the planned days), worked out with the platform's own time-zone
 * data (Intl) rather than the app's date library.
 */
export const zone = 'Europe/Berlin';
const DAY = 86_400_000;

const format = new Intl.DateTimeFormat('en-US', {
  timeZone: zone,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  weekday: 'short',
});

/** The local calendar fields at an instant. */
export function localParts(utc: number): { y: number; m: number; d: number; h: number; weekday: string } {
  const parts = Object.fromEntries(format.formatToParts(new Date(utc)).map((p) => [p.type, p.value]));
  return {
    y: Number(parts.year),
    m: Number(parts.month),
    d: Number(parts.day),
    h: Number(parts.hour),
    weekday: parts.weekday!,
  };
}

/** How far the zone's clocks are ahead of UTC at an instant. */
function offsetAt(utc: number): number {
  const parts = Object.fromEntries(format.formatToParts(new Date(utc)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return asUtc - Math.floor(utc / 1000) * 1000;
}

/** The instant a local wall-clock time names (days may overflow the month, as with Date.UTC). */
export function zonedToUtc(y: number, m: number, d: number, h = 0): number {
  const wall = Date.UTC(y, m - 1, d, h);
  const first = wall - offsetAt(wall);
  return wall - offsetAt(first);
}

/** The rotation the app is configured with: 14-day periods handed over on Mondays at 10:00 local time from the anchor date. */
export const rotation = { anchorDate: '2026-03-02', handoffHour: 10, periodDays: 14 };
export const teams = [
  { name: 'Otters', lead: 'U0OTTLEAD01', members: ['U0OTTLEAD01', 'U0OTTDEV001', 'U0OTTDES001', 'U0OTTQUIET1'] },
  { name: 'Badgers', lead: 'U0BADLEAD01', members: ['U0BADLEAD01', 'U0BADDEV001', 'U0BADTST001'] },
];

function periodStart(index: number): number {
  const [y, m, d] = rotation.anchorDate.split('-').map(Number) as [number, number, number];
  return zonedToUtc(y, m, d + index * rotation.periodDays, rotation.handoffHour);
}

/** The duty period (and its team) holding an instant. */
export function periodAt(at: number): { index: number; start: number; end: number; team: (typeof teams)[number] } {
  let index = Math.floor((at - periodStart(0)) / (rotation.periodDays * DAY));
  while (periodStart(index + 1) <= at) index++;
  while (periodStart(index) > at) index--;
  return {
    index,
    start: periodStart(index),
    end: periodStart(index + 1),
    team: teams[((index % teams.length) + teams.length) % teams.length]!,
  };
}

/** The first whole local week (Monday 00:00) after the one `daysBack` days before `now`: where support health starts. */
export function healthFrom(now: number, daysBack: number): number {
  const today = localParts(now);
  // Calendar days in the zone: a summer-time change in between moves the start by no day.
  const back = new Date(Date.UTC(today.y, today.m - 1, today.d - daysBack));
  const sinceMonday = (back.getUTCDay() + 6) % 7;
  return zonedToUtc(back.getUTCFullYear(), back.getUTCMonth() + 1, back.getUTCDate() - sinceMonday + 7, 0);
}
