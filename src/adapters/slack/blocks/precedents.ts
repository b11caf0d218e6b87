import type { KnownBlock } from '@slack/types';
import type { OfferedPrecedent } from '../../../services/ports/knowledge';
import type { KnowledgeHit } from '../../../services/ports/knowledge';
import { escapeMrkdwn, mentionUser, mrkdwnLink } from '../../../domain/text/mrkdwn';
import { sectionLimit, trimText } from './ticket-card';

export type { OfferedPrecedent };

export const precedentHelpedAction = 'precedent.helped';
export const precedentUnrelatedAction = 'precedent.unrelated';

/** One line of outside text: the first non-empty line, whitespace folded, shortened. */
export function oneLine(s: string | null | undefined, limit: number): string {
  const first =
    (s ?? '')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find(Boolean) ?? '';
  const line = first.replace(/\s+/g, ' ');
  return line.length <= limit ? line : `${line.slice(0, limit - 1).trimEnd()}…`;
}

/** A few lines of outside text (a runbook section), shortened. */
function fewLines(s: string | null | undefined, lines: number, limit: number): string {
  const kept = (s ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, lines)
    .join('\n');
  return kept.length <= limit ? kept : `${kept.slice(0, limit - 1).trimEnd()}…`;
}

/** Slack shows the date in the reader's own zone; the fallback is the UTC day. */
function slackDate(ms: number): string {
  return `<!date^${Math.floor(ms / 1000)}^{date_short}|${new Date(ms).toISOString().slice(0, 10)}>`;
}

/** A resolved ticket or runbook section as mrkdwn: what it was, how it ended, who and when, where to read it. */
export function hitText(hit: KnowledgeHit): string {
  if (hit.kind === 'runbook') {
    const head = `:blue_book: *${mrkdwnLink(hit.url, oneLine(hit.title, 150) || 'Runbook')}*`;
    const body = fewLines(hit.resolution, 4, 600);
    return trimText([head, ...(body ? [escapeMrkdwn(body)] : [])].join('\n'), sectionLimit);
  }
  const head = `*${mrkdwnLink(hit.url, `#${hit.id}`)}* ${escapeMrkdwn(oneLine(hit.title, 120))}`;
  const resolution = oneLine(hit.resolution, 300);
  const by = hit.resolvedBy ? `Resolved by ${mentionUser(hit.resolvedBy)}` : 'Resolved';
  const when = hit.resolvedAt ? ` · ${slackDate(hit.resolvedAt)}` : '';
  const lines = [head, ...(resolution ? [`:white_check_mark: ${escapeMrkdwn(resolution)}`] : []), `_${by}${when}_`];
  return trimText(lines.join('\n'), sectionLimit);
}

function verdictLine(p: OfferedPrecedent): string | null {
  if (!p.verdict) return null;
  const who = p.verdictBy ? ` — marked by ${mentionUser(p.verdictBy)}` : '';
  return p.verdict === 'helped' ? `:heavy_check_mark: Helped${who}` : `:heavy_multiplication_x: Not related${who}`;
}

const hitLabel = (hit: KnowledgeHit) => (hit.kind === 'ticket' ? `#${hit.id}` : oneLine(hit.title, 60));

/** The thread reply under a new ticket's card: each precedent with "This helped" / "Not related". */
export function precedentsBlocks(ticketId: number, items: OfferedPrecedent[]): { text: string; blocks: KnownBlock[] } {
  const tickets = items.filter((i) => i.hit.kind === 'ticket').length;
  const intro = tickets
    ? `:mag: ${tickets === 1 ? 'A resolved ticket looks' : `${tickets} resolved tickets look`} like #${ticketId}${items.length > tickets ? ', and a runbook may help' : ''}:`
    : `:mag: A runbook may help with #${ticketId}:`;
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: intro } }];
  for (const p of items) {
    const id = String(p.suggestionId);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: hitText(p.hit) } });
    blocks.push({
      type: 'actions',
      block_id: `precedent:${id}`,
      elements: [
        {
          type: 'button',
          action_id: precedentHelpedAction,
          text: { type: 'plain_text', text: 'This helped' },
          value: id,
          ...(p.verdict === 'helped' ? { style: 'primary' as const } : {}),
        },
        {
          type: 'button',
          action_id: precedentUnrelatedAction,
          text: { type: 'plain_text', text: 'Not related' },
          value: id,
        },
      ],
    });
    const verdict = verdictLine(p);
    if (verdict) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: verdict }] });
  }
  const text = trimText(
    escapeMrkdwn(`Possible precedents for #${ticketId}: ${items.map((i) => hitLabel(i.hit)).join(', ')}`),
    300,
  );
  return { text, blocks };
}

/** `<` and `>` are Slack's link and mention brackets even inside code, hence the entities. */
export const kbUsageText =
  'Usage: `/duty kb &lt;words&gt;` searches resolved tickets and runbooks, e.g. `/duty kb invoice refund`.';

/** `/duty kb <words>`: the best matches, or a friendly line when nothing matches. */
export function knowledgeSearchBlocks(query: string, hits: KnowledgeHit[]): { text: string; blocks: KnownBlock[] } {
  const asked = escapeMrkdwn(oneLine(query, 100));
  if (hits.length === 0) {
    const text = `Nothing in resolved tickets or runbooks matches “${asked}” yet. Try fewer or other words; when you solve it, your resolution will be found next time.`;
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  }
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `:mag: Best matches for “${asked}”:` } },
  ];
  for (const hit of hits) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: hitText(hit) } });
  const text = trimText(`Best matches for “${asked}”: ${escapeMrkdwn(hits.map(hitLabel).join(', '))}`, 300);
  return { text, blocks };
}
