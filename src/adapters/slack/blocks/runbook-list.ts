import type { KnownBlock } from '@slack/types';
import { escapeMrkdwn, mrkdwnLink } from '../../../domain/text/mrkdwn';

export interface RunbookLine {
  file: string;
  title: string;
  url: string | null;
  sections: number;
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * `/duty runbook`: each runbook's title (a link to its page when the public
 * address is known), its file and how many sections it has. Titles and file
 * names are written by people, so they are escaped like any outside text.
 */
export function runbookListBlocks(runbooks: RunbookLine[], folder: string): { text: string; blocks: KnownBlock[] } {
  if (runbooks.length === 0) {
    const text = `No runbooks yet. Put markdown files in \`${escapeMrkdwn(folder)}\` (one heading per step); dutyloop reads them within a few seconds.`;
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  }
  const head = `*Runbooks* (${runbooks.length})`;
  const lines: string[] = [];
  let size = head.length;
  for (const r of runbooks) {
    const line = `• ${mrkdwnLink(r.url, cut(r.title, 150))} — ${plural(r.sections, 'section')} · \`${escapeMrkdwn(cut(r.file, 120).replace(/`/g, "'"))}\``;
    // Slack refuses a section over 3,000 characters; keep room for the "…and N more" line.
    if (size + line.length + 40 > 3000) break;
    lines.push(line);
    size += line.length + 1;
  }
  const more = runbooks.length - lines.length;
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: [head, ...lines, ...(more > 0 ? [`…and ${more} more`] : [])].join('\n') },
    },
  ];
  if (!runbooks.some((r) => r.url))
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Set PUBLIC_URL to link each runbook to its page on the dashboard.' }],
    });
  return { text: `Runbooks: ${runbooks.map((r) => escapeMrkdwn(cut(r.title, 80))).join(', ')}`.slice(0, 3000), blocks };
}
