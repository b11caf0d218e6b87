import type { Ctx } from '../context';
import { getDutyNow } from '../rotation/get-duty';

export interface DutyTeam {
  teamId: number;
  name: string;
  leadUserId: string | null;
  onDuty: string[];
  start: number;
  end: number;
}

/** The team on duty at `at`, or null when no rotation is configured (tickets still work without one). */
export async function dutyTeamAt(ctx: Ctx, at?: Date): Promise<DutyTeam | null> {
  try {
    const p = (await getDutyNow({ ctx, input: { at } }))?.current;
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

/** How long the intake reuses the duty team it looked up, never outside the period it was looked up in. */
const dutyTeamReuseMs = 2_000;
const recentDutyTeam = new WeakMap<
  Ctx['config'],
  { workspaceId: string; teamId: number | null; from: number; until: number }
>();
/** A lookup under way: the tickets of one burst share it rather than each starting their own. */
const pendingDutyTeam = new WeakMap<Ctx['config'], { workspaceId: string; teamId: Promise<number | null> }>();

/**
 * The id of the team on duty now, for stamping new tickets. Looked up at most
 * every two seconds (and again at a handoff): a burst of tickets would
 * otherwise compute the rotation once per ticket. Swaps never change a period
 * that has started, so the only thing two seconds can miss is a one-off
 * replacement made in that instant.
 */
export function dutyTeamIdNow(ctx: Ctx): Promise<number | null> {
  const now = ctx.clock.now().getTime();
  const hit = recentDutyTeam.get(ctx.config);
  // A clock set back (tests, a corrected host clock) may be in an earlier period: look again.
  if (hit && hit.workspaceId === ctx.workspaceId && now >= hit.from && now < hit.until)
    return Promise.resolve(hit.teamId);
  const pending = pendingDutyTeam.get(ctx.config);
  if (pending && pending.workspaceId === ctx.workspaceId) return pending.teamId;
  const teamId = dutyTeamAt(ctx).then((duty) => {
    recentDutyTeam.set(ctx.config, {
      workspaceId: ctx.workspaceId,
      teamId: duty?.teamId ?? null,
      from: Math.max(now - dutyTeamReuseMs, duty?.start ?? -Infinity),
      until: Math.min(now + dutyTeamReuseMs, duty?.end ?? Infinity),
    });
    return duty?.teamId ?? null;
  });
  pendingDutyTeam.set(ctx.config, { workspaceId: ctx.workspaceId, teamId });
  void teamId.finally(() => pendingDutyTeam.delete(ctx.config));
  return teamId;
}
