import { teamOf, upcomingPeriods } from '../../../../services/rotation/swap';
import { awayModal, swapModal } from '../../blocks/rotation-swap';
import type { Subcommand } from './subcommand';

export const swapSubcommand: Subcommand = {
  name: 'swap',
  usage: '/duty swap',
  summary: "offer one of your team's coming periods for one of another team's",
  async run({ ctx, command, respond, client }) {
    const team = await teamOf(ctx, command.user_id);
    if (!team)
      return void (await respond({
        response_type: 'ephemeral',
        text: 'Only members of a duty team can swap periods.',
      }));
    const coming = await upcomingPeriods(ctx);
    const mine = coming.filter((p) => p.team.id === team.id);
    const theirs = coming.filter((p) => p.team.id !== team.id);
    if (!mine.length || !theirs.length)
      return void (await respond({ response_type: 'ephemeral', text: 'There is no coming period to swap.' }));
    await client.views.open({
      trigger_id: command.trigger_id,
      view: swapModal(mine, theirs, ctx.config.file.timezone, command.channel_id),
    });
  },
};

export const awaySubcommand: Subcommand = {
  name: 'away',
  usage: '/duty away',
  summary: 'declare time off (dates, optional stand-in)',
  async run({ command, client }) {
    await client.views.open({ trigger_id: command.trigger_id, view: awayModal(command.channel_id) });
  },
};
