import { runbookListBlocks } from '../../blocks/runbook-list';
import type { Subcommand } from './subcommand';

/** `/duty runbook`: the runbooks of `knowledge.runbooks`, with links to their pages. */
export const runbookSubcommand: Subcommand = {
  name: 'runbook',
  usage: '/duty runbook',
  summary: 'the runbooks (what to do when…), with links',
  async run({ ctx, respond }) {
    const list = ctx.runbooks?.runbooks() ?? [];
    await respond({ response_type: 'ephemeral', ...runbookListBlocks(list, ctx.config.file.knowledge.runbooks) });
  },
};
