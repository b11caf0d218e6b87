import { getDemand } from '../../../../services/feedback/get-demand';
import { demandBoardBlocks } from '../../blocks/feedback-demand';
import type { Subcommand } from './subcommand';

/** `/duty demand`: the top 10 issues by distinct customers over 30 days. */
export const demandSubcommand: Subcommand = {
  name: 'demand',
  usage: '`/duty demand`',
  summary: 'the 10 issues most customers reported in the last 30 days',
  async run({ ctx, respond }) {
    const rows = await getDemand({ ctx: ctx, input: { window: '30d', limit: 10 } });
    const base = ctx.config.env.publicUrl?.replace(/\/$/, '');
    await respond({
      response_type: 'ephemeral',
      ...demandBoardBlocks(rows, base ? `${base}/api/demand?window=30d&format=csv` : undefined),
    });
  },
};
