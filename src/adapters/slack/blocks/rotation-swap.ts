import type { KnownBlock, View } from '@slack/types';
import type { DutyPeriod } from '../../../domain/rotation/rotation';
import { formatWhen } from './rotation-duty';

export const swapCallbackId = 'rotation.swap';
export const awayCallbackId = 'rotation.away';
export const swapAcceptAction = 'rotation.swap_accept';
export const swapDeclineAction = 'rotation.swap_decline';

const option = (p: DutyPeriod, zone: string) => ({
  text: {
    type: 'plain_text' as const,
    text: `${p.team.name} · ${formatWhen(p.start, zone)} → ${formatWhen(p.end, zone)}`.slice(0, 75),
  },
  value: String(p.index),
});

/** The swap modal: one of my team's coming periods for one of another team's. */
export function swapModal(mine: DutyPeriod[], theirs: DutyPeriod[], zone: string, channelId: string): View {
  return {
    type: 'modal',
    callback_id: swapCallbackId,
    private_metadata: JSON.stringify({ channelId }),
    title: { type: 'plain_text', text: 'Swap a duty period' },
    submit: { type: 'plain_text', text: 'Ask' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: 'mine',
        label: { type: 'plain_text', text: 'My team gives' },
        element: { type: 'static_select', action_id: 'period', options: mine.map((p) => option(p, zone)) },
      },
      {
        type: 'input',
        block_id: 'theirs',
        label: { type: 'plain_text', text: 'and takes' },
        element: { type: 'static_select', action_id: 'period', options: theirs.map((p) => option(p, zone)) },
      },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `Times in ${zone}. The other team's lead is asked; nothing changes until they accept.`,
          },
        ],
      },
    ],
  };
}

/** The DM to the other team's lead. */
export function swapRequestBlocks(
  requestId: number,
  by: string,
  mine: DutyPeriod,
  theirs: DutyPeriod,
  zone: string,
): { text: string; blocks: KnownBlock[] } {
  const text = `<@${by}> (${mine.team.name}) asks to swap: ${theirs.team.name} takes ${formatWhen(mine.start, zone)} → ${formatWhen(mine.end, zone)}, ${mine.team.name} takes ${formatWhen(theirs.start, zone)} → ${formatWhen(theirs.end, zone)}.`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `:arrows_counterclockwise: ${text}` } },
      {
        type: 'actions',
        block_id: 'swap_answer',
        elements: [
          {
            type: 'button',
            action_id: swapAcceptAction,
            style: 'primary',
            text: { type: 'plain_text', text: 'Accept' },
            value: String(requestId),
          },
          {
            type: 'button',
            action_id: swapDeclineAction,
            text: { type: 'plain_text', text: 'Decline' },
            value: String(requestId),
          },
        ],
      },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `Times in ${zone}. The request lapses when either period starts.` }],
      },
    ],
  };
}

export function awayModal(channelId: string): View {
  return {
    type: 'modal',
    callback_id: awayCallbackId,
    private_metadata: JSON.stringify({ channelId }),
    title: { type: 'plain_text', text: 'Time off' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: 'from',
        label: { type: 'plain_text', text: 'First day away' },
        element: { type: 'datepicker', action_id: 'date' },
      },
      {
        type: 'input',
        block_id: 'to',
        label: { type: 'plain_text', text: 'Last day away' },
        element: { type: 'datepicker', action_id: 'date' },
      },
      {
        type: 'input',
        block_id: 'stand_in',
        optional: true,
        label: { type: 'plain_text', text: 'Stand-in (optional)' },
        element: { type: 'users_select', action_id: 'user' },
      },
    ],
  };
}
