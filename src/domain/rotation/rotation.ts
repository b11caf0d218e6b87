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
  /** The team order in force now (used when `versions` is empty). */
  teams: RotationTeam[];
  /**
   * Past changes of the team list, oldest first: version v applies from period
   * `fromIndex` on, so periods already started keep the team they had.
   */
  versions?: RotationVersion[];
}

export interface RotationVersion {
  fromIndex: number;
  teams: RotationTeam[];
}

export type Override =
  /** Period A goes to team B and period B to team A — by team, so a later change of the team list does not move it. */
  | { kind: 'swap'; periodA: number; teamA?: number; periodB: number; teamB?: number }
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
  return firstStart(spec)
    .plus({ days: index * spec.periodDays })
    .set({ hour, minute })
    .toJSDate();
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

/**
 * The team whose turn period `index` is, before overrides. A new team list
 * continues the turn: it starts with the team the old list would have put
 * next if that team is still listed, otherwise with its first team.
 */
export function scheduledTeam(spec: RotationSpec, index: number): RotationTeam | undefined {
  const versions = spec.versions ?? [];
  let k = versions.length - 1;
  while (k >= 0 && versions[k]!.fromIndex > index) k -= 1;
  return teamIn(versions, k, index) ?? (k < 0 && versions.length === 0 ? byTurn(spec.teams, index) : undefined);
}

function byTurn(teams: RotationTeam[], index: number): RotationTeam | undefined {
  return teams.length === 0 ? undefined : teams[mod(index, teams.length)];
}

function teamIn(versions: RotationVersion[], k: number, index: number): RotationTeam | undefined {
  if (k < 0) return byTurn(versions[0]?.teams ?? [], index);
  const v = versions[k]!;
  if (v.teams.length === 0) return undefined;
  if (k === 0) return byTurn(v.teams, index);
  const wouldBe = teamIn(versions, k - 1, v.fromIndex);
  const offset = Math.max(
    0,
    v.teams.findIndex((t) => t.id === wouldBe?.id),
  );
  return v.teams[mod(offset + index - v.fromIndex, v.teams.length)];
}

/** One period with the overrides applied. */
export function periodAt(spec: RotationSpec, index: number, overrides: Override[] = []): DutyPeriod | undefined {
  let team = scheduledTeam(spec, index);
  const known = new Map<number, RotationTeam>();
  for (const t of [...spec.teams, ...(spec.versions ?? []).flatMap((v) => v.teams)]) known.set(t.id, t);
  if (!team) return undefined;
  let swapped = false;
  let replaced = false;
  for (const o of overrides) {
    if (o.kind === 'swap' && (o.periodA === index || o.periodB === index)) {
      // Without team ids (older rows), each period takes the other's scheduled team.
      const other = o.periodA === index ? { period: o.periodB, team: o.teamB } : { period: o.periodA, team: o.teamA };
      team = (other.team !== undefined ? known.get(other.team) : scheduledTeam(spec, other.period)) ?? team;
      swapped = true;
    }
  }
  for (const o of overrides) {
    if (o.kind === 'replacement' && o.period === index) {
      team = known.get(o.teamId) ?? team;
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
    const off = timeOff.find(
      (t) => t.userId === m && t.from.getTime() <= start.getTime() && t.to.getTime() >= end.getTime(),
    );
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
