import { and, asc, eq, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from './client';
import { members, teams } from './schema';
import type { TeamWithMembers } from '../../services/ports/rotation';

export class TeamsRepo {
  constructor(private readonly db: Db) {}

  /** Makes the active teams exactly `wanted`, in order; teams no longer listed become inactive. */
  sync(workspaceId: string, wanted: { name: string; leadUserId: string | null; memberIds: string[] }[]): void {
    wanted.forEach((t, position) => {
      const row = this.db
        .insert(teams)
        .values({ workspaceId, name: t.name, leadUserId: t.leadUserId, position, active: true })
        .onConflictDoUpdate({
          target: [teams.workspaceId, teams.name],
          set: { leadUserId: t.leadUserId, position, active: true },
        })
        .returning({ id: teams.id })
        .get();
      this.db
        .delete(members)
        .where(
          and(
            eq(members.teamId, row.id),
            t.memberIds.length ? notInArray(members.slackUserId, t.memberIds) : undefined,
          ),
        )
        .run();
      for (const userId of t.memberIds) {
        this.db
          .insert(members)
          .values({ workspaceId, teamId: row.id, slackUserId: userId })
          .onConflictDoNothing()
          .run();
      }
    });
    const names = wanted.map((t) => t.name);
    this.db
      .update(teams)
      .set({ active: false })
      .where(and(eq(teams.workspaceId, workspaceId), names.length ? notInArray(teams.name, names) : undefined))
      .run();
  }

  active(workspaceId: string): TeamWithMembers[] {
    return [...this.withMembers(and(eq(teams.workspaceId, workspaceId), eq(teams.active, true))).values()];
  }

  /** Every team ever synced (inactive ones too), by id: past periods still name them. */
  all(workspaceId: string): Map<number, TeamWithMembers> {
    return this.withMembers(eq(teams.workspaceId, workspaceId));
  }

  /** Teams matching `where` with their members, in rotation order, by id. */
  /** The Slack id of the configured member with this e-mail (any case), if there is one. */
  memberIdByEmail(workspaceId: string, email: string): string | undefined {
    return this.db
      .select({ id: members.slackUserId })
      .from(members)
      .where(and(eq(members.workspaceId, workspaceId), sql`lower(${members.email}) = ${email.toLowerCase()}`))
      .limit(1)
      .get()?.id;
  }

  private withMembers(where: SQL | undefined): Map<number, TeamWithMembers> {
    const rows = this.db
      .select({
        id: teams.id,
        name: teams.name,
        leadUserId: teams.leadUserId,
        position: teams.position,
        userId: members.slackUserId,
      })
      .from(teams)
      .leftJoin(members, eq(members.teamId, teams.id))
      .where(where)
      .orderBy(asc(teams.position), asc(members.id))
      .all();
    const byId = new Map<number, TeamWithMembers>();
    for (const r of rows) {
      const t = byId.get(r.id) ?? {
        id: r.id,
        name: r.name,
        leadUserId: r.leadUserId,
        position: r.position,
        memberIds: [],
      };
      if (r.userId) t.memberIds.push(r.userId);
      byId.set(r.id, t);
    }
    return byId;
  }
}

export type { TeamWithMembers };
