import { asc, eq } from 'drizzle-orm';
import type { Override } from '../../../domain/rotation/rotation';
import type { RotationStore } from '../../../services/ports/rotation';
import type { PgDb } from './client';
import { rotationOverrides, rotationVersions } from './schema';

type OverrideRow = typeof rotationOverrides.$inferSelect;

/** Rotation overrides and team order versions on PostgreSQL. */
export class PgRotationStore implements RotationStore {
  constructor(private readonly db: PgDb) {}

  /** By kind, then as added: the order SQLite reads them in through its (workspace, kind) index. */
  async overrides(workspaceId: string): Promise<Override[]> {
    const rows = await this.db
      .select()
      .from(rotationOverrides)
      .where(eq(rotationOverrides.workspaceId, workspaceId))
      .orderBy(asc(rotationOverrides.kind), asc(rotationOverrides.id));
    return rows.flatMap(overrideOf);
  }

  async add(workspaceId: string, o: Override, createdBy: string | null, now: number): Promise<void> {
    const base = { workspaceId, kind: o.kind, createdBy, createdAt: now };
    if (o.kind === 'swap')
      await this.db
        .insert(rotationOverrides)
        .values({ ...base, periodA: o.periodA, periodB: o.periodB, teamId: o.teamA, teamBId: o.teamB });
    else if (o.kind === 'replacement')
      await this.db.insert(rotationOverrides).values({ ...base, periodA: o.period, teamId: o.teamId });
    else
      await this.db
        .insert(rotationOverrides)
        .values({ ...base, userId: o.userId, standIn: o.standIn ?? null, fromAt: o.from, toAt: o.to });
  }

  async versions(workspaceId: string): Promise<{ fromIndex: number; teamIds: number[] }[]> {
    const rows = await this.db
      .select()
      .from(rotationVersions)
      .where(eq(rotationVersions.workspaceId, workspaceId))
      .orderBy(asc(rotationVersions.fromIndex), asc(rotationVersions.id));
    return rows.map((r) => ({ fromIndex: r.fromIndex, teamIds: JSON.parse(r.teamIds) as number[] }));
  }

  async addVersion(workspaceId: string, fromIndex: number, teamIds: number[], now: number): Promise<void> {
    await this.db
      .insert(rotationVersions)
      .values({ workspaceId, fromIndex, teamIds: JSON.stringify(teamIds), createdAt: now });
  }
}

/** The override a row holds; none when a row lacks what its kind needs. */
function overrideOf(r: OverrideRow): Override[] {
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
}
