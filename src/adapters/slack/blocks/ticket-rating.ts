import type { KnownBlock } from '@slack/types';
import { ratingChoices, ratingLabel } from '../../../domain/tickets/rating';
import { escapeMrkdwn } from '../../../domain/text/mrkdwn';
import { trimText } from './ticket-card';

/** The DM asking the requester to rate a resolved ticket. */
export function ratingRequestBlocks(t: { id: number; text: string; resolution: string | null }): {
  text: string;
  blocks: KnownBlock[];
} {
  const resolution = t.resolution ? `: ${escapeMrkdwn(t.resolution)}` : '';
  const text = `Your request was resolved${resolution}. How did we do?`;
  return {
    text,
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: trimText(
            `Your request _${escapeMrkdwn(t.text.replace(/\s+/g, ' '))}_ was resolved${resolution}.\nHow did we do?`,
            3000,
          ),
        },
      },
      {
        type: 'actions',
        block_id: `rate:${t.id}`,
        elements: ratingChoices.map((c) => ({
          type: 'button' as const,
          action_id: `ticket.rate.${c.value}`,
          text: { type: 'plain_text' as const, text: c.label },
          value: `${t.id}:${c.value}`,
        })),
      },
    ],
  };
}

/** What the DM becomes after the click: thanks, and an optional comment. */
export function ratedBlocks(ticketId: number, rating: number): { text: string; blocks: KnownBlock[] } {
  const text = `Thanks! You rated it ${ratingLabel(rating)}.`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'actions',
        block_id: `rated:${ticketId}`,
        elements: [
          {
            type: 'button',
            action_id: 'ticket.rate_comment',
            text: { type: 'plain_text', text: 'Add a comment' },
            value: String(ticketId),
          },
        ],
      },
    ],
  };
}
