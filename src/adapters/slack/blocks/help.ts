import type { KnownBlock } from '@slack/types';

export interface HelpEntry {
  usage: string;
  summary: string;
}

/** `/duty help`: every subcommand with one line on what it does. */
export function helpBlocks(entries: HelpEntry[]): KnownBlock[] {
  return [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text:
          '*dutyloop* puts product teams on customer-support duty in turn, turns requests into tickets in the duty channel, ' +
          'and counts how many customers each GitHub or Linear issue affects.',
      },
    },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: entries.map((e) => `• ${code(e.usage)} — ${e.summary}`).join('\n') },
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: 'React with :ticket: on any message to make it a ticket, or use the message shortcut *Create duty ticket*. Seen it before? `/duty kb &lt;words&gt;` finds how it was solved.',
        },
      ],
    },
  ];
}

/** `/duty frobnicate`: say what was not understood and what would be. */
export function unknownSubcommandText(word: string, entries: HelpEntry[]): string {
  const names = entries.map((e) => code(e.usage)).join(', ');
  return `I don't know \`/duty ${word}\`. Try one of: ${names}.`;
}

const code = (usage: string) => `\`${usage.replace(/`/g, '')}\``;
