import { RotationRepo } from '../../adapters/db/rotation.repo';
import { TeamsRepo } from '../../adapters/db/teams.repo';
import { periodAt, periodIndexAt, type DutyPeriod } from '../../domain/rotation/rotation';
import type { Ctx } from '../context';
import { specOf } from '../rotation/get-duty';

export interface DutyTeam {
  teamId: number;
  name: string;
  leadUserId: string | null;
  onDuty: string[];
  start: number;
  end: number;
}

/** The team on duty at `at`, or null when no rotation is configured (tickets still work without one). */
export function dutyTeamAt(ctx: Ctx, at?: Date): DutyTeam | null {
  try {
    const p = periodOnDutyAt(ctx, at ?? ctx.clock.now());
    if (!p) return null;
    return {
      teamId: Number(p.team.id),
      name: p.team.name,
      leadUserId: p.team.leadUserId ?? null,
      onDuty: p.onDuty,
      start: p.start.getTime(),
      end: p.end.getTime(),
    };
  } catch (err) {
    ctx.log.warn({ err }, 'tickets: could not tell who is on duty');
    return null;
  }
}

/**
 * The period running at `at`, read synchronously through the SQLite handle
 * while ticket intake is synchronous (rotation's getDutyNow is the async one).
 */
function periodOnDutyAt(ctx: Ctx, at: Date): DutyPeriod | undefined {
  const teams = new TeamsRepo(ctx.db);
  const rotation = new RotationRepo(ctx.db);
  const spec = specOf(ctx.config, {
    active: teams.active(ctx.workspaceId),
    all: teams.all(ctx.workspaceId),
    versions: rotation.versions(ctx.workspaceId),
  });
  return periodAt(spec, periodIndexAt(spec, at), rotation.overrides(ctx.workspaceId));
}

/** How long the intake reuses the duty team it looked up, never outside the period it was looked up in. */
const dutyTeamReuseMs = 2_000;
const recentDutyTeam = new WeakMap<
  Ctx['config'],
  { workspaceId: string; teamId: number | null; from: number; until: number }
>();

/**
 * The id of the team on duty now, for stamping new tickets. Looked up at most
 * every two seconds (and again at a handoff): a burst of tickets would
 * otherwise compute the rotation once per ticket. Swaps never change a period
 * that has started, so the only thing two seconds can miss is a one-off
 * replacement made in that instant.
 */
export function dutyTeamIdNow(ctx: Ctx): number | null {
  const now = ctx.clock.now().getTime();
  const hit = recentDutyTeam.get(ctx.config);
  // A clock set back (tests, a corrected host clock) may be in an earlier period: look again.
  if (hit && hit.workspaceId === ctx.workspaceId && now >= hit.from && now < hit.until) return hit.teamId;
  const duty = dutyTeamAt(ctx);
  recentDutyTeam.set(ctx.config, {
    workspaceId: ctx.workspaceId,
    teamId: duty?.teamId ?? null,
    from: Math.max(now - dutyTeamReuseMs, duty?.start ?? -Infinity),
    until: Math.min(now + dutyTeamReuseMs, duty?.end ?? Infinity),
  });
  return duty?.teamId ?? null;
}
