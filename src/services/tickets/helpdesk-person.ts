import type { Ctx } from '../context';

/** What Slack user ids look like (U… or W…, then 8+ capitals and digits). */
const slackUserId = /^[UW][A-Z0-9]{8,}$/;

/**
 * Who a helpdesk says did something, as stored in resolved_by / first_response_by.
 * A Slack user id is kept as is (the card mentions them, the leaderboard counts
 * them); an e-mail of a configured member becomes that member's id. Any other
 * name is stored as `Name (client)`: with a space and brackets it can never be
 * taken for a Slack id, so it is always shown as typed and never pings anyone.
 * Without a name: `fallback`, else the helpdesk itself.
 */
export async function helpdeskPerson(
  ctx: Ctx,
  input: { given?: string; client: string; fallback?: string | null },
): Promise<string> {
  const given = input.given?.replace(/\s+/g, ' ').trim();
  if (!given) return input.fallback ?? `${input.client} (helpdesk)`;
  if (slackUserId.test(given)) return given;
  if (given.includes('@')) {
    const member = await ctx.repos.teams.memberIdByEmail(ctx.workspaceId, given);
    if (member) return member;
  }
  return `${given} (${input.client})`;
}
