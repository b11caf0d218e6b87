import { DateTime } from 'luxon';
import { openStorage } from '../adapters/db/storage';
import { systemClock } from '../domain/clock';
import { listPeriods, rotationSpec } from '../services/rotation/get-duty';
import { dutyCounts } from '../domain/rotation/rotation';
import { createContext } from './context';
import type { Ctx } from '../services/context';
import { loadConfig } from './config';
import { silentLogger } from '../adapters/logger';

/**
 * `dutyloop schedule`: the coming periods from the config and the stored
 * overrides. Teams are read from the config file as written (members by id or e-mail).
 */
export async function printSchedule(n: number): Promise<number> {
  const config = loadConfig(process.env);
  const storage = await openStorage(config.env.databaseUrl, { poolSize: 1 });
  try {
    const workspaceId = config.file.workspace?.id ?? 'TDEMO';
    await storage.workspaces.ensure(workspaceId);
    const { ctx } = createContext({ storage, clock: systemClock, log: silentLogger, config, workspaceId });
    if ((await ctx.repos.teams.active(workspaceId)).length === 0) {
      await ctx.repos.teams.sync(
        workspaceId,
        config.file.teams.map((t) => ({ name: t.name, leadUserId: t.lead ?? null, memberIds: t.members })),
      );
    }
    for (const line of await scheduleLines(ctx, n)) console.log(line);
    return 0;
  } finally {
    await storage.close();
  }
}

/** The schedule's lines, every date in the organisation's zone: the server's own zone never shows. */
export async function scheduleLines(ctx: Ctx, n: number): Promise<string[]> {
  const zone = ctx.config.file.timezone;
  const now = ctx.clock.now();
  const local = DateTime.fromJSDate(now, { zone });
  const to = local.plus({ days: ctx.config.file.rotation.periodDays * n }).toJSDate();
  const list = (await listPeriods({ ctx, input: { from: now, to } })).slice(0, n);
  if (list.length === 0) return ['No teams are configured for duty (teams: in the config file).'];
  const fmt = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat('ccc yyyy-LL-dd HH:mm');
  const lines = [
    `Coming duty periods (times in ${zone}):`,
    ...list.map(
      (p) =>
        `${fmt(p.start)} → ${fmt(p.end)}  ${p.team.name}${p.swapped ? ' (swapped)' : ''}${p.replaced ? ' (replaced)' : ''}  ${p.onDuty.join(' ')}`,
    ),
  ];
  const counts = dutyCounts(
    await rotationSpec(ctx),
    now,
    local.plus({ years: 1 }).toJSDate(),
    await ctx.repos.rotation.overrides(ctx.workspaceId),
  );
  lines.push(`Periods in the next 12 months: ${[...counts].map(([name, c]) => `${name} ${c}`).join(' · ')}`);
  return lines;
}
