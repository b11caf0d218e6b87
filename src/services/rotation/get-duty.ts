import { RotationRepo } from '../../adapters/db/rotation.repo';
import { TeamsRepo } from '../../adapters/db/teams.repo';
import {
  periodAt,
  periodIndexAt,
  periods,
  weekdays,
  type DutyPeriod,
  type RotationSpec,
} from '../../domain/rotation/rotation';
import type { Ctx } from '../context';

export type { DutyPeriod } from '../../domain/rotation/rotation';

/** The rotation as configured, with the teams as stored by the start-up sync. */
export function rotationSpec(ctx: Pick<Ctx, 'db' | 'config' | 'workspaceId'>): RotationSpec {
  const { rotation, timezone } = ctx.config.file;
  const all = new TeamsRepo(ctx.db).all(ctx.workspaceId);
  return {
    zone: timezone,
    periodDays: rotation.periodDays,
    handoffWeekday: weekdays.indexOf(rotation.handoff.weekday) + 1,
    handoffTime: rotation.handoff.time,
    anchorDate: rotation.anchor ?? '2026-01-05',
    teams: new TeamsRepo(ctx.db).active(ctx.workspaceId),
    versions: new RotationRepo(ctx.db).versions(ctx.workspaceId).map((v) => ({
      fromIndex: v.fromIndex,
      teams: v.teamIds.flatMap((id) => {
        const t = all.get(id);
        return t ? [t] : [];
      }),
    })),
  };
}

/** Who is on duty now (or at `at`) and who is next; null when no teams are configured. */
export function getDutyNow({
  ctx,
  input = {},
}: {
  ctx: Ctx;
  input?: { at?: Date };
}): { current: DutyPeriod; next: DutyPeriod } | null {
  const spec = rotationSpec(ctx);
  const overrides = new RotationRepo(ctx.db).overrides(ctx.workspaceId);
  const i = periodIndexAt(spec, input.at ?? ctx.clock.now());
  const current = periodAt(spec, i, overrides);
  const next = periodAt(spec, i + 1, overrides);
  return current && next ? { current, next } : null;
}

/** Every period overlapping [from, to), overrides applied. */
export function listPeriods({ ctx, input }: { ctx: Ctx; input: { from: Date; to: Date } }): DutyPeriod[] {
  return periods(rotationSpec(ctx), input.from, input.to, new RotationRepo(ctx.db).overrides(ctx.workspaceId));
}
