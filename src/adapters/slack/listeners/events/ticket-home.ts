import type { Runtime } from '../../../../app/runtime';
import { getLeaderboard } from '../../../../services/tickets/get-leaderboard';
import type { HomeSection } from '../../blocks/home';
import { leaderboardBlocks } from '../../blocks/ticket-leaderboard';

/** App Home: this duty period's leaderboard. */
export function ticketsHomeSection(rt: Runtime): HomeSection {
  const board = getLeaderboard({ ctx: rt.ctx, input: { period: 'current' } });
  return {
    title: 'Leaderboard',
    blocks: leaderboardBlocks(board, `This duty period${board.team ? ` — ${board.team}` : ''}`),
  };
}
