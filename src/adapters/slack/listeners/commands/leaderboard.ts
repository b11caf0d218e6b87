import { getLeaderboard } from '../../../../services/tickets/get-leaderboard';
import { leaderboardLines } from '../../blocks/ticket-leaderboard';
import type { Subcommand } from './subcommand';

/** `/duty leaderboard [all]`: this duty period's (or all-time) leaderboard. */
export const leaderboardSubcommand: Subcommand = {
  name: 'leaderboard',
  usage: '/duty leaderboard [all]',
  summary: "who resolved how many tickets this duty period (or all time) — a celebration, not a ranking of who's worst",
  async run({ ctx, args, respond }) {
    const period = args[0]?.toLowerCase() === 'all' ? 'all' : 'current';
    const board = await getLeaderboard({ ctx, input: { period } });
    const title =
      period === 'all'
        ? 'Leaderboard — all time'
        : `Leaderboard — this duty period${board.team ? ` (${board.team})` : ''}`;
    await respond({ response_type: 'ephemeral', text: leaderboardLines(board, title) });
  },
};
