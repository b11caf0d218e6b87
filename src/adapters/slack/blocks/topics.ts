import type { KnownBlock } from '@slack/types';
import { escapeMrkdwn } from '../../../domain/text/mrkdwn';

export interface TopicCount {
  topic: string;
  tickets: number;
  customers: number;
}

/** The period's three most frequent topics, as counts (no verdicts); nothing when the period had no tickets. */
export function topTopicsBlocks(rows: readonly TopicCount[], title: string): KnownBlock[] {
  const top = rows.filter((r) => r.tickets > 0).slice(0, 3);
  if (top.length === 0) return [];
  const line = (r: TopicCount, i: number) =>
    `${i + 1}. *${escapeMrkdwn(r.topic)}* — ${r.tickets} ticket${r.tickets === 1 ? '' : 's'}, ${r.customers} customer${r.customers === 1 ? '' : 's'}`;
  return [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `:label: *${escapeMrkdwn(title)}*\n${top.map(line).join('\n')}` },
    },
  ];
}
