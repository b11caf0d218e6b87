import type { KnownBlock } from '@slack/types';
import { escapeMrkdwn } from '../../../domain/text/mrkdwn';

/** The single card that stands for a burst of tickets while their own cards follow at Slack's pace. */
export function burstCardBlocks(input: {
  waiting: number;
  words: { word: string; count: number }[];
  since: number;
  mention: string | null;
}): { text: string; blocks: KnownBlock[] } {
  const words = input.words.length ? input.words.map((w) => `*${escapeMrkdwn(w.word)}* (${w.count})`).join(' · ') : '—';
  const text = `:rotating_light: Burst: ${input.waiting} tickets waiting for their cards`;
  return {
    text,
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `${text}${input.mention ? ` · ${input.mention}` : ''}\nMost common words: ${words}`.slice(0, 3000),
        },
      },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `Since <!date^${Math.floor(input.since / 1000)}^{time}|${new Date(input.since).toISOString()}>. Each ticket still gets its own card, one per second.`,
          },
        ],
      },
    ],
  };
}
