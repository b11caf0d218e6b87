import { helpBlocks } from '../../blocks/help';
import type { Subcommand } from './subcommand';

export function helpSubcommand(all: () => Subcommand[]): Subcommand {
  return {
    name: 'help',
    usage: '/duty help',
    summary: 'what dutyloop can do',
    async run({ respond }) {
      await respond({ response_type: 'ephemeral', text: 'What dutyloop can do', blocks: helpBlocks(all()) });
    },
  };
}
