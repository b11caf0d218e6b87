import type { KnownBlock } from '@slack/types';
import { escapeMrkdwn, mentionUser, mrkdwnLink, safeHref } from '../../../domain/text/mrkdwn';

/** Slack refuses section text over 3,000 characters. */
export const sectionLimit = 3000;

export interface CardTicket {
  id: number;
  source: string;
  subject: string | null;
  text: string;
  url: string | null;
  permalink: string | null;
  priority: string;
  status: 'open' | 'claimed' | 'resolved';
  requesterSlackId: string | null;
  customerName: string | null;
  customerEmail: string | null;
  customerCompany: string | null;
  originChannelId: string | null;
  claimedBy: string | null;
  resolvedBy: string | null;
  resolution: string | null;
  createdAt: number;
  reopened: boolean;
  /** Files shared with the message (names and permalinks only; never downloaded). */
  files?: CardFile[];
  /** The ticket's topic and the configured ones it can be corrected to (no topic line when none are configured). */
  topic?: string;
  topics?: readonly string[];
  /** Earlier tickets whose precedent was marked "This helped" for this one. */
  helpedBy?: number[];
}

export interface CardFile {
  name: string;
  permalink: string | null;
}

export function trimText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const note = `… (${(text.length - limit).toLocaleString('en')} more characters)`;
  return text.slice(0, limit - note.length) + note;
}

function who(t: CardTicket): string {
  if (t.requesterSlackId) return mentionUser(t.requesterSlackId);
  const name = t.customerName ?? t.customerEmail ?? 'a customer';
  return escapeMrkdwn(t.customerCompany ? `${name} (${t.customerCompany})` : name);
}

function from(t: CardTicket): string {
  const permalink = safeHref(t.permalink);
  if (permalink) return `<${permalink}|${t.originChannelId ? `message in <#${t.originChannelId}>` : 'Slack message'}>`;
  if (t.originChannelId) return `<#${t.originChannelId}>`;
  return mrkdwnLink(t.url, t.source);
}

const statusLine = (t: CardTicket) =>
  t.status === 'resolved'
    ? `:white_check_mark: Resolved by ${mentionUser(t.resolvedBy)}${t.resolution ? `: ${escapeMrkdwn(t.resolution)}` : ''}${t.helpedBy?.length ? ` · Resolved with the help of ${t.helpedBy.map((n) => `#${n}`).join(', ')}` : ''}`
    : t.status === 'claimed'
      ? `:raising_hand: Claimed by ${mentionUser(t.claimedBy)}${t.reopened ? ' — reopened' : ''}`
      : `:inbox_tray: Open${t.reopened ? ' — reopened' : ''}`;

/** The ticket's card in the duty channel; `mention` names the duty team once. */
export function ticketCardBlocks(t: CardTicket, mention: string | null): { text: string; blocks: KnownBlock[] } {
  const title = `#${t.id}${t.subject ? ` ${t.subject}` : ''}`;
  const header = `*${escapeMrkdwn(trimText(title, 200))}* · ${t.priority} priority · from ${who(t)} via ${from(t)} · <!date^${Math.floor(t.createdAt / 1000)}^opened {date_short_pretty} {time}|opened ${new Date(t.createdAt).toISOString()}>`;
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: trimText(header, sectionLimit) } },
    { type: 'section', text: { type: 'plain_text', text: trimText(t.text, sectionLimit), emoji: false } },
    ...filesBlocks(t.files ?? []),
    ...topicBlocks(t),
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: trimText(`${statusLine(t)}${mention && t.status !== 'resolved' ? ` · ${mention}` : ''}`, 3000),
        },
      ],
    },
  ];
  const v = String(t.id);
  const buttons = [
    ...(t.status === 'open'
      ? [
          {
            type: 'button' as const,
            action_id: 'ticket.claim',
            text: { type: 'plain_text' as const, text: 'Claim' },
            value: v,
            style: 'primary' as const,
          },
        ]
      : []),
    ...(t.status !== 'resolved'
      ? [
          {
            type: 'button' as const,
            action_id: 'ticket.resolve',
            text: { type: 'plain_text' as const, text: 'Resolve' },
            value: v,
          },
        ]
      : []),
    {
      type: 'button' as const,
      action_id: 'ticket.link_issue',
      text: { type: 'plain_text' as const, text: 'Link to issue' },
      value: v,
    },
    ...(t.status !== 'resolved'
      ? [
          {
            type: 'button' as const,
            action_id: 'ticket.escalate',
            text: { type: 'plain_text' as const, text: 'Escalate' },
            value: v,
            style: 'danger' as const,
          },
        ]
      : []),
  ];
  blocks.push({ type: 'actions', block_id: `ticket:${t.id}`, elements: buttons });
  return { text: trimText(escapeMrkdwn(`Ticket ${title}: ${t.text}`), 300), blocks };
}

/** The topic line with a select to correct it: the configured topics and other, at most Slack's 100 options. */
function topicBlocks(t: CardTicket): KnownBlock[] {
  if (!t.topics?.length || !t.topic) return [];
  const names = [...t.topics.filter((n) => n !== 'other').slice(0, 99), 'other'];
  const option = (n: string) => ({ text: { type: 'plain_text' as const, text: trimText(n, 75) }, value: n });
  return [
    {
      type: 'section',
      block_id: `ticket.topic:${t.id}`,
      text: { type: 'mrkdwn', text: `:label: Topic: *${escapeMrkdwn(trimText(t.topic, 100))}*` },
      accessory: {
        type: 'static_select',
        action_id: 'ticket.topic',
        placeholder: { type: 'plain_text', text: 'Correct the topic' },
        options: names.map(option),
        ...(names.includes(t.topic) ? { initial_option: option(t.topic) } : {}),
      },
    },
  ];
}

/** The shared files as links by name, as many as fit one section; the rest counted. */
function filesBlocks(files: CardFile[]): KnownBlock[] {
  if (files.length === 0) return [];
  const lines: string[] = [];
  let size = 0;
  for (const f of files) {
    // Slack's own file permalinks are https; anything else is shown as a name only.
    const line = `• ${mrkdwnLink(f.permalink && /^https:/i.test(f.permalink) ? f.permalink : null, trimText(f.name || 'file', 200))}`;
    if (size + line.length + 40 > sectionLimit) break;
    lines.push(line);
    size += line.length + 1;
  }
  const more = files.length - lines.length;
  const head = `:paperclip: ${files.length === 1 ? '1 file' : `${files.length} files`}`;
  return [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: [head, ...lines, ...(more > 0 ? [`…and ${more} more`] : [])].join('\n') },
    },
  ];
}
