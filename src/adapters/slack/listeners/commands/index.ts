import type { App } from '@slack/bolt';
import type { Ctx } from '../../../../services/context';
import { unknownSubcommandText } from '../../blocks/help';
import { friendlySlackError } from '../../errors';
import { dutyNowSubcommand, scheduleSubcommand } from './duty-now';
import { helpSubcommand } from './help';
import type { Subcommand } from './subcommand';
import { demandSubcommand } from './demand';
import { ticketSubcommand } from './ticket';
import { awaySubcommand, swapSubcommand } from './swap';
import { leaderboardSubcommand } from './leaderboard';
import { kbSubcommand } from './kb';
import { runbookSubcommand } from './runbook';

/**
 * Every `/duty` subcommand. An area adds its own by appending to this list.
 * The empty name is bare `/duty`.
 */
export function subcommands(): Subcommand[] {
  const list: Subcommand[] = [
    demandSubcommand,
    dutyNowSubcommand,
    scheduleSubcommand,
    ticketSubcommand,
    leaderboardSubcommand,
    swapSubcommand,
    awaySubcommand,
    kbSubcommand,
    runbookSubcommand,
    // areas register here
  ];
  const all: Subcommand[] = [...list];
  all.push(helpSubcommand(() => all));
  return all;
}

export function register(app: App, ctx: Ctx): void {
  const all = subcommands();
  app.command('/duty', async ({ command, ack, respond, client, context }) => {
    const [word = '', ...args] = command.text.trim().split(/\s+/).filter(Boolean);
    const sub = all.find((s) => s.name === word.toLowerCase());
    if (!sub) {
      await ack({ response_type: 'ephemeral', text: unknownSubcommandText(word, all) });
      return;
    }
    await ack();
    try {
      await sub.run({ ctx, args, command, respond, client });
    } catch (err) {
      ctx.log.error(
        { err, subcommand: sub.name, user: command.user_id, requestId: context.requestId },
        'slack: /duty failed',
      );
      await respond({ response_type: 'ephemeral', text: friendlySlackError(err) }).catch(() => undefined);
    }
  });
}
