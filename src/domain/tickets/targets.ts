import { DateTime } from 'luxon';

/**
 * Response targets and the instants they fall due. Working time is counted in
 * the organisation's time zone: a ticket at 17:55 on Friday with 10 minutes to
 * answer, in 09:00–18:00 Monday–Friday hours, is due at 09:05 on Monday.
 */
export interface WorkingHours {
  /** ISO weekdays 1 (Monday) … 7 (Sunday). */
  days: number[];
  /** Minutes after local midnight. */
  startMinute: number;
  /** Minutes after local midnight; 1440 = midnight at the end of the day. */
  endMinute: number;
}

export const allDay: WorkingHours = { days: [1, 2, 3, 4, 5, 6, 7], startMinute: 0, endMinute: 1440 };

const dayNames = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const toMinute = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
};

export function workingHoursFrom(cfg: { days: string[]; start: string; end: string } | undefined): WorkingHours {
  if (!cfg) return allDay;
  return {
    days: cfg.days.map((d) => dayNames.indexOf(d) + 1),
    startMinute: toMinute(cfg.start),
    endMinute: toMinute(cfg.end),
  };
}

/** The instant `durationMs` of working time after `from`. */
export function addWorkingTime(from: number, durationMs: number, hours: WorkingHours, zone: string): number {
  if (hours.days.length === 0 || hours.endMinute <= hours.startMinute) return from + durationMs;
  let remaining = durationMs;
  let cursor = DateTime.fromMillis(from, { zone });
  for (let guard = 0; guard < 3700; guard++) {
    const dayStart = cursor.startOf('day');
    const open = dayStart.plus({ minutes: hours.startMinute });
    const close = hours.endMinute >= 1440 ? dayStart.plus({ days: 1 }) : dayStart.plus({ minutes: hours.endMinute });
    if (hours.days.includes(cursor.weekday) && cursor < close) {
      const begin = DateTime.max(cursor, open);
      const available = close.toMillis() - begin.toMillis();
      if (remaining <= available) return begin.toMillis() + remaining;
      remaining -= available;
    }
    cursor = dayStart.plus({ days: 1 });
  }
  return from + durationMs;
}

export interface TargetSpec {
  firstResponseMinutes: number;
  resolutionWorkingHours: number;
  nudgeAtFraction: number;
  hours: WorkingHours;
  zone: string;
}

export interface TargetInstants {
  firstResponseNudgeAt: number;
  firstResponseDueAt: number;
  resolutionNudgeAt: number;
  resolutionDueAt: number;
}

/** When to nudge (at the configured fraction) and when a target is breached, for a ticket created at `createdAt`. */
export function targetInstants(createdAt: number, spec: TargetSpec): TargetInstants {
  const fr = spec.firstResponseMinutes * 60_000;
  const res = spec.resolutionWorkingHours * 3_600_000;
  return {
    firstResponseNudgeAt: addWorkingTime(createdAt, fr * spec.nudgeAtFraction, spec.hours, spec.zone),
    firstResponseDueAt: addWorkingTime(createdAt, fr, spec.hours, spec.zone),
    resolutionNudgeAt: addWorkingTime(createdAt, res * spec.nudgeAtFraction, spec.hours, spec.zone),
    resolutionDueAt: addWorkingTime(createdAt, res, spec.hours, spec.zone),
  };
}

/** A target with its configured size, as the reminders name it. */
export type ResponseTarget = { kind: 'first_response'; minutes: number } | { kind: 'resolution'; workingHours: number };

/** "first response (target 10 min)", "resolution (target 8 working h)". */
export function describeTarget(target: ResponseTarget): string {
  return target.kind === 'first_response'
    ? `first response (target ${target.minutes} min)`
    : `resolution (target ${target.workingHours} working h)`;
}

export type TargetStep = 'first_response.nudge' | 'first_response.breach' | 'resolution.nudge' | 'resolution.breach';

type TicketTimes = { createdAt: number; firstResponseAt: number | null; resolvedAt: number | null };

/** Each step with its instant and whether it still applies (no first response yet, not resolved yet). */
function schedule(t: TicketTimes, spec: TargetSpec): [TargetStep, number, boolean][] {
  const at = targetInstants(t.createdAt, spec);
  return [
    ['first_response.nudge', at.firstResponseNudgeAt, t.firstResponseAt === null],
    ['first_response.breach', at.firstResponseDueAt, t.firstResponseAt === null],
    ['resolution.nudge', at.resolutionNudgeAt, t.resolvedAt === null],
    ['resolution.breach', at.resolutionDueAt, t.resolvedAt === null],
  ];
}

/** Which reminders are due at `now` for a ticket, given what was already sent. */
export function dueSteps(t: TicketTimes, spec: TargetSpec, now: number, done: Set<TargetStep>): TargetStep[] {
  return schedule(t, spec)
    .filter(([s, when, pending]) => pending && now >= when && !done.has(s))
    .map(([s]) => s);
}

/** When the next reminder not yet sent falls due (perhaps already), or null when none is left. */
export function nextStepAt(t: TicketTimes, spec: TargetSpec, done: Set<TargetStep>): number | null {
  const left = schedule(t, spec)
    .filter(([s, , pending]) => pending && !done.has(s))
    .map(([, when]) => when);
  return left.length ? Math.min(...left) : null;
}

/**
 * No reminder of a ticket created at `createdAt` falls due before this: working
 * time never runs faster than the clock. Cheap (no calendar walk), so a new
 * ticket can carry it; the targets job works out the exact instant then.
 */
export function earliestStepAt(createdAt: number, spec: TargetSpec): number {
  const shortest = Math.min(spec.firstResponseMinutes * 60_000, spec.resolutionWorkingHours * 3_600_000);
  return createdAt + Math.max(0, shortest * Math.min(spec.nudgeAtFraction, 1));
}
