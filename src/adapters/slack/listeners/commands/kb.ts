import { searchKnowledge } from '../../../../services/knowledge/search-knowledge';
import { kbUsageText, knowledgeSearchBlocks } from '../../blocks/precedents';
import type { Subcommand } from './subcommand';

const kbResults = 5;

/** `/duty kb <words>`: resolved tickets and runbook sections that match, only to the asker. */
export const kbSubcommand: Subcommand = {
  name: 'kb',
  usage: '/duty kb [words]',
  summary: 'search resolved tickets and runbooks for how something was solved before',
  async run({ ctx, args, respond }) {
    const text = args.join(' ').trim();
    if (!text) {
      await respond({ response_type: 'ephemeral', text: kbUsageText });
      return;
    }
    const hits = await searchKnowledge({ ctx: ctx, input: { text, limit: kbResults } });
    await respond({ response_type: 'ephemeral', ...knowledgeSearchBlocks(text, hits.slice(0, kbResults)) });
  },
};
