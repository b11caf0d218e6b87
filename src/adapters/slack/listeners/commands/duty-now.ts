import { DateTime } from 'luxon';
import { dutyCounts } from '../../../../domain/rotation/rotation';
import { getDutyNow, listPeriods, rotationSpec } from '../../../../services/rotation/get-duty';
import { dutyNowBlocks, noRotationText, scheduleBlocks } from '../../blocks/rotation-duty';
import type { Subcommand, SubcommandArgs } from './subcommand';

/** The reader's own time zone from Slack, falling back to the organisation's. */
async function viewerZone({ ctx, client, command }: SubcommandArgs): Promise<string> {
  try {
    const res = await client.users.info({ user: command.user_id });
    return res.user?.tz ?? ctx.config.file.timezone;
  } catch {
    return ctx.config.file.timezone;
  }
}

export const dutyNowSubcommand: Subcommand = {
  name: '',
  usage: '/duty',
  summary: 'who is on duty now, until when, and who is next',
  async run(a) {
    const now = await getDutyNow({ ctx: a.ctx });
    if (!now) return void (await a.respond({ response_type: 'ephemeral', text: noRotationText }));
    const zone = await viewerZone(a);
    await a.respond({
      response_type: 'ephemeral',
      text: `On duty now: ${now.current.team.name}`,
      blocks: dutyNowBlocks(now, zone),
    });
  },
};

export const scheduleSubcommand: Subcommand = {
  name: 'schedule',
  usage: '/duty schedule [n]',
  summary: "the next n duty periods (default 6) in your time zone, and each team's count for the next year",
  async run(a) {
    const n = Math.min(Math.max(Number.parseInt(a.args[0] ?? '6', 10) || 6, 1), 26);
    const ctx = a.ctx;
    const now = ctx.clock.now();
    const spec = await rotationSpec(ctx);
    if (spec.teams.length === 0) return void (await a.respond({ response_type: 'ephemeral', text: noRotationText }));
    const to = DateTime.fromJSDate(now, { zone: spec.zone })
      .plus({ days: spec.periodDays * n })
      .toJSDate();
    const list = (await listPeriods({ ctx, input: { from: now, to } })).slice(0, n);
    const counts = dutyCounts(
      spec,
      now,
      DateTime.fromJSDate(now, { zone: spec.zone }).plus({ years: 1 }).toJSDate(),
      await ctx.repos.rotation.overrides(ctx.workspaceId),
    );
    const zone = await viewerZone(a);
    await a.respond({
      response_type: 'ephemeral',
      text: `The next ${list.length} duty periods`,
      blocks: scheduleBlocks(list, counts, zone),
    });
  },
};
