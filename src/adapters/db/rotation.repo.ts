import { asc, eq } from 'drizzle-orm';
import type { Override } from '../../domain/rotation/rotation';
import type { Db } from './client';
import { rotationOverrides, rotationVersions } from './schema';

export class RotationRepo {
  constructor(private readonly db: Db) {}

  overrides(workspaceId: string): Override[] {
    return this.db
      .select()
      .from(rotationOverrides)
      .where(eq(rotationOverrides.workspaceId, workspaceId))
      .all()
      .flatMap((r): Override[] => {
        if (r.kind === 'swap' && r.periodA !== null && r.periodB !== null)
          return [
            {
              kind: 'swap',
              periodA: r.periodA,
              teamA: r.teamId ?? undefined,
              periodB: r.periodB,
              teamB: r.teamBId ?? undefined,
            },
          ];
        if (r.kind === 'replacement' && r.periodA !== null && r.teamId !== null)
          return [{ kind: 'replacement', period: r.periodA, teamId: r.teamId }];
        if (r.kind === 'time_off' && r.userId && r.fromAt !== null && r.toAt !== null)
          return [{ kind: 'time_off', userId: r.userId, from: r.fromAt, to: r.toAt, standIn: r.standIn }];
        return [];
      });
  }

  add(workspaceId: string, o: Override, createdBy: string | null, now: number): void {
    const base = { workspaceId, kind: o.kind, createdBy, createdAt: now };
    if (o.kind === 'swap')
      this.db
        .insert(rotationOverrides)
        .values({ ...base, periodA: o.periodA, periodB: o.periodB, teamId: o.teamA, teamBId: o.teamB })
        .run();
    else if (o.kind === 'replacement')
      this.db
        .insert(rotationOverrides)
        .values({ ...base, periodA: o.period, teamId: o.teamId })
        .run();
    else
      this.db
        .insert(rotationOverrides)
        .values({ ...base, userId: o.userId, standIn: o.standIn ?? null, fromAt: o.from, toAt: o.to })
        .run();
  }

  /** The team orders in force over time, oldest first. */
  versions(workspaceId: string): { fromIndex: number; teamIds: number[] }[] {
    return this.db
      .select()
      .from(rotationVersions)
      .where(eq(rotationVersions.workspaceId, workspaceId))
      .orderBy(asc(rotationVersions.fromIndex), asc(rotationVersions.id))
      .all()
      .map((r) => ({ fromIndex: r.fromIndex, teamIds: JSON.parse(r.teamIds) as number[] }));
  }

  addVersion(workspaceId: string, fromIndex: number, teamIds: number[], now: number): void {
    this.db
      .insert(rotationVersions)
      .values({ workspaceId, fromIndex, teamIds: JSON.stringify(teamIds), createdAt: now })
      .run();
  }
}
