import type { KnownBlock } from '@slack/types';
import type { Digest, DigestRow } from '../../../domain/feedback/digest';
import { escapeMrkdwn, mrkdwnLink } from '../../../domain/text/mrkdwn';

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

export interface DemandLine {
  key: string;
  title: string;
  url: string;
  customers: number;
  tickets: number;
  customersChange: number | null;
}

function line(r: DemandLine, i: number, periodWord: string): string {
  const change = r.customersChange === null ? '' : ` (${signed(r.customersChange)} vs previous ${periodWord})`;
  return `${i + 1}. ${mrkdwnLink(r.url, r.key)} ${escapeMrkdwn(cut(r.title, 80))} — ${plural(r.customers, 'customer')}, ${plural(r.tickets, 'ticket')}${change}`;
}

/** `/duty demand`: the top issues over 30 days, counts only. */
export function demandBoardBlocks(rows: DemandLine[], dashboardUrl?: string): { text: string; blocks: KnownBlock[] } {
  const text = 'Customer demand, last 30 days';
  if (rows.length === 0)
    return {
      text,
      blocks: [
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: '*Customer demand, last 30 days*\nNo tickets were linked to issues in the last 30 days.',
          },
        },
      ],
    };
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*Customer demand, last 30 days* (distinct customers, then tickets)\n${rows.map((r, i) => line(r, i, '30 days')).join('\n')}`,
      },
    },
  ];
  if (dashboardUrl)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `All issues and CSV: ${dashboardUrl}` }] });
  return { text, blocks };
}

/** The weekly digest in the product channel. */
export function digestBlocks(d: Digest, weekLabel: string): { text: string; blocks: KnownBlock[] } {
  const text = `Customer demand digest — week to ${weekLabel}`;
  const section = (title: string, rows: DigestRow[], empty: string): KnownBlock => ({
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: `*${title}*\n${rows.length ? rows.map((r, i) => line(r, i, 'week')).join('\n') : empty}`,
    },
  });
  return {
    text,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: cut(text, 150) } },
      section('Top issues this week', d.top, 'No tickets were linked to issues this week.'),
      section('New this week', d.newThisWeek, 'No new issues this week.'),
      section('Biggest risers against the week before', d.risers, 'No issue gained customers against the week before.'),
    ],
  };
}
