import { DateTime } from 'luxon';

/**
 * Duty rotation maths. Nothing is stored per slot: period i starts on local
 * calendar day `anchor + i × periodDays` at the handoff time in the rotation's
 * time zone, so a daylight-saving change never moves the handoff hour and
 * never leaves a gap or an overlap (one period simply lasts an hour more or less).
 */
export interface RotationTeam {
  id: number;
  name: string;
  leadUserId: string | null;
  memberIds: string[];
}

export interface RotationSpec {
  zone: string;
  periodDays: number;
  /** 1 = Monday … 7 = Sunday (ISO). */
  handoffWeekday: number;
  /** "HH:mm" local. */
  handoffTime: string;
  /** "YYYY-MM-DD": the first period starts on the first handoff weekday on or after it. */
  anchorDate: string;
  teams: RotationTeam[];
}

export type Override =
  | { kind: 'swap'; periodA: number; periodB: number }
  | { kind: 'replacement'; period: number; teamId: number }
  | { kind: 'time_off'; userId: string; from: number; to: number; standIn?: string | null };

export interface TimeOff {
  userId: string;
  standIn?: string;
  from: Date;
  to: Date;
}

export interface DutyPeriod {
  index: number;
  start: Date;
  end: Date;
  team: RotationTeam;
  /** Members on duty after time off and stand-ins. */
  onDuty: string[];
  swapped: boolean;
  replaced: boolean;
  timeOff: TimeOff[];
}

export const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

function firstStart(spec: RotationSpec): DateTime {
  const [hour, minute] = spec.handoffTime.split(':').map(Number) as [number, number];
  let d = DateTime.fromISO(spec.anchorDate, { zone: spec.zone }).startOf('day');
  while (d.weekday !== spec.handoffWeekday) d = d.plus({ days: 1 });
  return d.set({ hour, minute });
}

/** When period `index` starts (any integer; negative is before the anchor). */
export function periodStart(spec: RotationSpec, index: number): Date {
  const [hour, minute] = spec.handoffTime.split(':').map(Number) as [number, number];
  // Add calendar days, then set the wall-clock time: DST-proof.
  return firstStart(spec).plus({ days: index * spec.periodDays }).set({ hour, minute }).toJSDate();
}

/** The index of the period running at `at`. */
export function periodIndexAt(spec: RotationSpec, at: Date): number {
  const approx = Math.floor((at.getTime() - firstStart(spec).toMillis()) / (spec.periodDays * 86_400_000));
  let i = approx;
  while (periodStart(spec, i).getTime() > at.getTime()) i -= 1;
  while (periodStart(spec, i + 1).getTime() <= at.getTime()) i += 1;
  return i;
}

const mod = (a: number, n: number) => ((a % n) + n) % n;

/** The team whose turn period `index` is, before overrides. */
function scheduledTeam(spec: RotationSpec, index: number): RotationTeam | undefined {
  if (spec.teams.length === 0) return undefined;
  return spec.teams[mod(index, spec.teams.length)];
}

/** One period with the overrides applied. */
export function periodAt(spec: RotationSpec, index: number, overrides: Override[] = []): DutyPeriod | undefined {
  let team = scheduledTeam(spec, index);
  if (!team) return undefined;
  let swapped = false;
  let replaced = false;
  for (const o of overrides) {
    if (o.kind === 'swap' && (o.periodA === index || o.periodB === index)) {
      const other = o.periodA === index ? o.periodB : o.periodA;
      team = scheduledTeam(spec, other) ?? team;
      swapped = true;
    }
  }
  for (const o of overrides) {
    if (o.kind === 'replacement' && o.period === index) {
      team = spec.teams.find((t) => t.id === o.teamId) ?? team;
      replaced = true;
    }
  }
  const start = periodStart(spec, index);
  const end = periodStart(spec, index + 1);
  const timeOff: TimeOff[] = [];
  for (const o of overrides) {
    if (o.kind !== 'time_off' || !team.memberIds.includes(o.userId)) continue;
    if (o.from < end.getTime() && o.to > start.getTime()) {
      timeOff.push({ userId: o.userId, standIn: o.standIn ?? undefined, from: new Date(o.from), to: new Date(o.to) });
    }
  }
  // Away for the whole period: off the duty list, the stand-in on it. Partly away: still listed.
  const onDuty = team.memberIds.flatMap((m) => {
    const off = timeOff.find((t) => t.userId === m && t.from.getTime() <= start.getTime() && t.to.getTime() >= end.getTime());
    if (!off) return [m];
    return off.standIn ? [off.standIn] : [];
  });
  return { index, start, end, team, onDuty: [...new Set(onDuty)], swapped, replaced, timeOff };
}

/** Who is on duty at `at`. */
export function dutyAt(spec: RotationSpec, at: Date, overrides: Override[] = []): DutyPeriod | undefined {
  return periodAt(spec, periodIndexAt(spec, at), overrides);
}

/** Every period overlapping [from, to). */
export function periods(spec: RotationSpec, from: Date, to: Date, overrides: Override[] = []): DutyPeriod[] {
  const out: DutyPeriod[] = [];
  for (let i = periodIndexAt(spec, from); periodStart(spec, i).getTime() < to.getTime(); i++) {
    const p = periodAt(spec, i, overrides);
    if (p) out.push(p);
  }
  return out;
}

/** Periods per team starting within [from, to): the fairness check. */
export function dutyCounts(spec: RotationSpec, from: Date, to: Date, overrides: Override[] = []): Map<string, number> {
  const counts = new Map<string, number>(spec.teams.map((t) => [t.name, 0]));
  for (const p of periods(spec, from, to, overrides)) {
    if (p.start.getTime() < from.getTime()) continue;
    counts.set(p.team.name, (counts.get(p.team.name) ?? 0) + 1);
  }
  return counts;
}
