import {
  periodAt,
  periodIndexAt,
  periods,
  weekdays,
  type DutyPeriod,
  type RotationSpec,
} from '../../domain/rotation/rotation';
import type { Ctx } from '../context';
import type { TeamWithMembers } from '../ports/rotation';

export type { DutyPeriod } from '../../domain/rotation/rotation';

/** The rotation as configured, with the teams as stored by the start-up sync. */
export async function rotationSpec(ctx: Pick<Ctx, 'repos' | 'config' | 'workspaceId'>): Promise<RotationSpec> {
  const { teams, rotation } = ctx.repos;
  return specOf(ctx.config, {
    active: await teams.active(ctx.workspaceId),
    all: await teams.all(ctx.workspaceId),
    versions: await rotation.versions(ctx.workspaceId),
  });
}

/**
 * The rotation from the config and the stored teams: the active ones in order,
 * every team ever synced by id (past orders name them), the orders in force over time.
 */
export function specOf(
  config: Ctx['config'],
  stored: {
    active: TeamWithMembers[];
    all: Map<number, TeamWithMembers>;
    versions: { fromIndex: number; teamIds: number[] }[];
  },
): RotationSpec {
  const { rotation, timezone } = config.file;
  return {
    zone: timezone,
    periodDays: rotation.periodDays,
    handoffWeekday: weekdays.indexOf(rotation.handoff.weekday) + 1,
    handoffTime: rotation.handoff.time,
    anchorDate: rotation.anchor ?? '2026-01-05',
    teams: stored.active,
    versions: stored.versions.map((v) => ({
      fromIndex: v.fromIndex,
      teams: v.teamIds.flatMap((id) => {
        const t = stored.all.get(id);
        return t ? [t] : [];
      }),
    })),
  };
}

/** Who is on duty now (or at `at`) and who is next; null when no teams are configured. */
export async function getDutyNow({
  ctx,
  input = {},
}: {
  ctx: Ctx;
  input?: { at?: Date };
}): Promise<{ current: DutyPeriod; next: DutyPeriod } | null> {
  const spec = await rotationSpec(ctx);
  const overrides = await ctx.repos.rotation.overrides(ctx.workspaceId);
  const i = periodIndexAt(spec, input.at ?? ctx.clock.now());
  const current = periodAt(spec, i, overrides);
  const next = periodAt(spec, i + 1, overrides);
  return current && next ? { current, next } : null;
}

/** Every period overlapping [from, to), overrides applied. */
export async function listPeriods({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { from: Date; to: Date };
}): Promise<DutyPeriod[]> {
  const spec = await rotationSpec(ctx);
  return periods(spec, input.from, input.to, await ctx.repos.rotation.overrides(ctx.workspaceId));
}
