import type { KnownBlock, View } from '@slack/types';

/** One part of the App Home tab; areas contribute sections in order. */
export interface HomeSection {
  title: string;
  blocks: KnownBlock[];
}

/** `adminNotices`: problems only an admin can fix (the bot not in a channel…), shown first, to admins only. */
export function homeView(sections: HomeSection[], adminNotices: string[] = []): View {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'dutyloop' } },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: 'Support duty in turns, tickets in one channel, and customer demand counted per issue. `/duty help` lists the commands.',
        },
      ],
    },
  ];
  for (const notice of adminNotices.slice(0, 5)) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `:warning: *Needs an admin:* ${notice}`.slice(0, 3000) },
    });
  }
  for (const s of sections) {
    blocks.push({ type: 'divider' }, { type: 'section', text: { type: 'mrkdwn', text: `*${s.title}*` } }, ...s.blocks);
  }
  if (sections.length === 0) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: 'Nothing to show yet: no teams are on duty.' } });
  }
  return { type: 'home', blocks };
}
