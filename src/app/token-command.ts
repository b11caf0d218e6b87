import { DateTime } from 'luxon';
import type { Storage } from '../adapters/db/engine';
import { openStorage } from '../adapters/db/storage';
import { systemClock, type Clock } from '../domain/clock';
import type { Repositories } from '../services/ports/repositories';
import type { ApiTokenInfo } from '../services/ports/tickets';
import { createApiToken } from '../services/tickets/create-api-token';
import { loadConfig, type AppConfig } from './config';

/** What a token or calendar command works on; tests pass their own. */
export interface AdminTarget {
  repos: Repositories;
  workspaces: Storage['workspaces'];
  workspaceId: string;
  clock: Clock;
  /** The organisation's zone: dates are printed in it, never in the server's. */
  zone: string;
  out: (line: string) => void;
}

export const tokenUsage = 'usage: dutyloop token create --name <name> | token list | token revoke <name|id>';

/** `dutyloop token create|list|revoke`. */
export async function runTokenCommand(args: string[]): Promise<number> {
  return withAdminTarget((target) => tokenCommand(target, args));
}

/** `dutyloop calendar rotate`: prints a new iCal feed URL once; the old one stops working. */
export async function runCalendarCommand(args: string[]): Promise<number> {
  if (args[0] !== 'rotate') {
    console.error('usage: dutyloop calendar rotate');
    return 2;
  }
  return withAdminTarget(async (target, config) => {
    const base = (config.env.publicUrl ?? `http://localhost:${config.env.port}`).replace(/\/$/, '');
    return rotateCalendar(target, base);
  });
}

export async function tokenCommand(target: AdminTarget, args: string[]): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === 'create') {
    const nameAt = rest.indexOf('--name');
    const name = nameAt >= 0 ? rest[nameAt + 1] : undefined;
    if (!name) return usageError();
    const { token } = await createApiToken({
      ctx: target,
      input: { name },
    });
    target.out(token);
    console.error(`API token "${name}" created. It is shown only this once; store it in your helpdesk now.`);
    return 0;
  }
  if (verb === 'list' && rest.length === 0) return listTokens(target);
  if (verb === 'revoke' && rest.length === 1) return revokeToken(target, rest[0]!);
  return usageError();
}

function usageError(): number {
  console.error(tokenUsage);
  return 2;
}

/** Name, dates and state of every API token; the tokens themselves are not stored and never shown. */
export async function listTokens(target: AdminTarget): Promise<number> {
  const rows = await target.repos.tokens.list(target.workspaceId);
  if (rows.length === 0) {
    target.out('No API tokens yet: dutyloop token create --name <name>');
    return 0;
  }
  const when = (ms: number | null) =>
    ms === null ? '-' : DateTime.fromMillis(ms, { zone: target.zone }).toFormat('yyyy-LL-dd HH:mm');
  const table = [
    ['id', 'name', 'created', 'last used', 'state'],
    ...rows.map((r) => [
      String(r.id),
      r.name,
      when(r.createdAt),
      when(r.lastUsedAt),
      r.revokedAt === null ? 'active' : `revoked ${when(r.revokedAt)}`,
    ]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table)
    target.out(
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    );
  target.out(`(times in ${target.zone})`);
  return 0;
}

/** Revokes by id, or by name when exactly one active token has it; a revoked token is refused at once. */
export async function revokeToken(target: AdminTarget, which: string): Promise<number> {
  const tokens = target.repos.tokens;
  const rows = await tokens.list(target.workspaceId);
  const byId = /^#?\d+$/.test(which) ? rows.filter((r) => r.id === Number(which.replace('#', ''))) : [];
  const matches: ApiTokenInfo[] = byId.length ? byId : rows.filter((r) => r.name === which);
  const active = matches.filter((r) => r.revokedAt === null);
  if (matches.length === 0) {
    console.error(`No API token named or numbered "${which}" (see dutyloop token list).`);
    return 1;
  }
  if (active.length === 0) {
    console.error(`API token "${which}" is already revoked.`);
    return 1;
  }
  if (active.length > 1) {
    console.error(
      `${active.length} active tokens are named "${which}" (ids ${active.map((r) => r.id).join(', ')}): revoke one by its id.`,
    );
    return 1;
  }
  const token = active[0]!;
  await tokens.revoke(target.workspaceId, token.id, target.clock.now().getTime());
  target.out(`API token ${token.id} "${token.name}" revoked; requests with it are refused from now on.`);
  return 0;
}

export async function rotateCalendar(target: AdminTarget, baseUrl: string): Promise<number> {
  const token = await target.workspaces.rotateCalendarToken(target.workspaceId);
  target.out(`${baseUrl}/calendar.ics?token=${token}`);
  console.error(
    'New iCal feed URL (shown only this once; add &member=<Slack user id> for a personal feed). The previous URL no longer works.',
  );
  return 0;
}

/** Opens the configured database on the server's workspace: the config's id, else the one recorded at first start. */
async function withAdminTarget(
  fn: (target: AdminTarget, config: AppConfig) => number | Promise<number>,
): Promise<number> {
  const config = loadConfig(process.env);
  const storage = await openStorage(config.env.databaseUrl, { poolSize: 1 });
  try {
    const workspaceId = config.file.workspace?.id ?? (await storage.workspaces.first());
    if (!workspaceId) {
      console.error('No workspace yet: set workspace.id in the config file, or start dutyloop once first.');
      return 1;
    }
    await storage.workspaces.ensure(workspaceId, config.file.workspace?.name);
    const { repos, workspaces } = storage;
    const out = (line: string) => console.log(line);
    return await fn({ repos, workspaces, workspaceId, clock: systemClock, zone: config.file.timezone, out }, config);
  } finally {
    await storage.close();
  }
}
