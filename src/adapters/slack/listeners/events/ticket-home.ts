import type { Ctx } from '../../../../services/context';
import { getLeaderboard } from '../../../../services/tickets/get-leaderboard';
import type { HomeSection } from '../../blocks/home';
import { leaderboardBlocks } from '../../blocks/ticket-leaderboard';

/** App Home: this duty period's leaderboard. */
export async function ticketsHomeSection(ctx: Ctx): Promise<HomeSection> {
  const board = await getLeaderboard({ ctx, input: { period: 'current' } });
  return {
    title: 'Leaderboard',
    blocks: leaderboardBlocks(board, `This duty period${board.team ? ` — ${board.team}` : ''}`),
  };
}
