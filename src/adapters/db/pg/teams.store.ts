import { and, asc, eq, notInArray, type SQL, sql } from 'drizzle-orm';
import type { TeamsStore, TeamWithMembers } from '../../../services/ports/rotation';
import type { PgDb } from './client';
import { members, teams } from './schema';

type WantedTeam = { name: string; leadUserId: string | null; memberIds: string[] };

/** The configured teams and their members on PostgreSQL. */
export class PgTeamsStore implements TeamsStore {
  constructor(private readonly db: PgDb) {}

  async sync(workspaceId: string, wanted: WantedTeam[]): Promise<void> {
    for (const [position, t] of wanted.entries()) await this.syncTeam(workspaceId, t, position);
    const names = wanted.map((t) => t.name);
    await this.db
      .update(teams)
      .set({ active: false })
      .where(and(eq(teams.workspaceId, workspaceId), names.length ? notInArray(teams.name, names) : undefined));
  }

  async active(workspaceId: string): Promise<TeamWithMembers[]> {
    return [...(await this.withMembers(and(eq(teams.workspaceId, workspaceId), eq(teams.active, true)))).values()];
  }

  async all(workspaceId: string): Promise<Map<number, TeamWithMembers>> {
    return this.withMembers(eq(teams.workspaceId, workspaceId));
  }

  async memberIdByEmail(workspaceId: string, email: string): Promise<string | undefined> {
    const [row] = await this.db
      .select({ id: members.slackUserId })
      .from(members)
      .where(and(eq(members.workspaceId, workspaceId), sql`lower(${members.email}) = ${email.toLowerCase()}`))
      .limit(1);
    return row?.id;
  }

  /** One wanted team active at `position`, with exactly its members (in the order first added). */
  private async syncTeam(workspaceId: string, t: WantedTeam, position: number): Promise<void> {
    const [row] = await this.db
      .insert(teams)
      .values({ workspaceId, name: t.name, leadUserId: t.leadUserId, position, active: true })
      .onConflictDoUpdate({
        target: [teams.workspaceId, teams.name],
        set: { leadUserId: t.leadUserId, position, active: true },
      })
      .returning({ id: teams.id });
    const teamId = row!.id;
    await this.db
      .delete(members)
      .where(
        and(eq(members.teamId, teamId), t.memberIds.length ? notInArray(members.slackUserId, t.memberIds) : undefined),
      );
    for (const userId of t.memberIds)
      await this.db.insert(members).values({ workspaceId, teamId, slackUserId: userId }).onConflictDoNothing();
  }

  /** Teams matching `where` with their members, in rotation order, by id. */
  private async withMembers(where: SQL | undefined): Promise<Map<number, TeamWithMembers>> {
    const rows = await this.db
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
      .orderBy(asc(teams.position), asc(members.id));
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
