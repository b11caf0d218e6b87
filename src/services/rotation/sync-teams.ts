import { ConfigError } from '../../domain/errors';
import { periodIndexAt } from '../../domain/rotation/rotation';
import type { Ctx } from '../context';
import { DirectoryError } from '../ports/slack-directory';
import { inTransaction } from '../transaction';
import { rotationSpec } from './get-duty';

/**
 * Writes the teams of config/dutyloop.yaml into the database at start,
 * resolving e-mails to Slack users. Every problem is reported together and
 * stops start-up. A person may be in one team only: in two, they would be on
 * duty twice per cycle and the fairness guarantee would not hold for them.
 */
export async function syncTeams({ ctx }: { ctx: Ctx }): Promise<void> {
  const teams = ctx.config.file.teams;
  const problems: string[] = [];
  const resolve = async (ref: string, where: string): Promise<string | null> => {
    if (!ref.includes('@')) {
      if (!ctx.directory) return ref;
      try {
        const user = await ctx.directory.user(ref);
        if (user.deleted) problems.push(`${where}: ${ref} has left the workspace`);
        return ref;
      } catch (err) {
        problems.push(`${where}: ${ref} is not a user of this workspace (${slackError(err)})`);
        return null;
      }
    }
    if (!ctx.directory) {
      problems.push(`${where}: ${ref} needs Slack to be resolved to a user id`);
      return null;
    }
    try {
      return (await ctx.directory.userByEmail(ref)).id;
    } catch (err) {
      problems.push(`${where}: no Slack user has the e-mail ${ref} (${slackError(err)})`);
      return null;
    }
  };

  const seen = new Map<string, string>();
  const resolved: { name: string; leadUserId: string | null; memberIds: string[] }[] = [];
  for (const team of teams) {
    const memberIds: string[] = [];
    for (const ref of team.members) {
      const id = await resolve(ref, `teams.${team.name}.members`);
      if (!id) continue;
      const other = seen.get(id);
      if (other && other !== team.name)
        problems.push(
          `teams.${team.name}.members: ${ref} is already in team ${other} (a person may be in one team only)`,
        );
      seen.set(id, team.name);
      if (!memberIds.includes(id)) memberIds.push(id);
    }
    const leadUserId = team.lead ? await resolve(team.lead, `teams.${team.name}.lead`) : null;
    resolved.push({ name: team.name, leadUserId: leadUserId ?? memberIds[0] ?? null, memberIds });
  }
  const names = teams.map((t) => t.name);
  for (const dup of names.filter((n, i) => names.indexOf(n) !== i))
    problems.push(`teams: the name ${dup} is used twice`);
  if (problems.length > 0) throw new ConfigError(problems.map((p) => `${ctx.config.env.configPath}: ${p}`));
  await inTransaction(ctx, async (tx) => {
    await tx.repos.teams.sync(tx.workspaceId, resolved);
    const active = await tx.repos.teams.active(tx.workspaceId);
    await recordTeamOrder(
      tx,
      active.map((t) => t.id),
    );
  });
}

/**
 * A changed team order applies from the next period: the period running now
 * (and every past one) keeps the team the older order gave it.
 */
async function recordTeamOrder(ctx: Ctx, teamIds: number[]): Promise<void> {
  const rotation = ctx.repos.rotation;
  const versions = await rotation.versions(ctx.workspaceId);
  const last = versions[versions.length - 1];
  if (last && JSON.stringify(last.teamIds) === JSON.stringify(teamIds)) return;
  const now = ctx.clock.now();
  const fromIndex = last ? periodIndexAt(await rotationSpec(ctx), now) + 1 : -1_000_000;
  await rotation.addVersion(ctx.workspaceId, fromIndex, teamIds, now.getTime());
}

/** Slack's reason for refusing a lookup (user_not_found…), or what went wrong on the way. */
function slackError(err: unknown): string {
  if (err instanceof DirectoryError) return err.code;
  return err instanceof Error ? err.message : 'error';
}
