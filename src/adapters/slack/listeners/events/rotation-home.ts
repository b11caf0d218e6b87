import type { Ctx } from '../../../../services/context';
import { getDutyNow, listPeriods } from '../../../../services/rotation/get-duty';
import { teamOf } from '../../../../services/rotation/swap';
import type { HomeSection } from '../../blocks/home';
import { dutyHomeBlocks } from '../../blocks/rotation-home';

/** The rotation's App Home section; the tickets area adds "my team's last duty in numbers" in its own section. */
export async function rotationHomeSection(ctx: Ctx, userId: string): Promise<HomeSection | null> {
  const now = await getDutyNow({ ctx });
  if (!now) return null;
  const team = await teamOf(ctx, userId);
  const at = ctx.clock.now();
  const mine = team
    ? (await listPeriods({ ctx, input: { from: at, to: new Date(at.getTime() + 366 * 86_400_000) } })).find(
        (p) => p.team.id === team.id && p.onDuty.includes(userId),
      )
    : undefined;
  return { title: 'Support duty', blocks: dutyHomeBlocks(now, mine, team?.name, ctx.config.file.timezone) };
}
