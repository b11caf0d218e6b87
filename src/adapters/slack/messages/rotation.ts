import type { KnownBlock } from '@slack/types';
import type { HandoffSection, RotationMessage } from '../../../services/ports/messages/rotation';
import { briefingText, dutyTopic, handoffBlocks, headsUpText } from '../blocks/rotation-handoff';
import { formatWhen } from '../blocks/rotation-duty';
import { swapRequestBlocks } from '../blocks/rotation-swap';
import { leaderboardBlocks } from '../blocks/ticket-leaderboard';
import { topTopicsBlocks } from '../blocks/topics';
import type { SlackCall } from '../outbox';
import type { Renderers } from './render';

/**
 * The outbox kind of the duty user group's update: its handler (adapters/jobs/handoff.ts)
 * tolerates plans and tokens that cannot update user groups.
 */
export const dutyUserGroupKind = 'rotation.usergroup';

/** How each message of the rotation area looks in Slack. */
export const rotationMessages: Renderers<RotationMessage> = {
  'rotation.handoff': (m) => {
    const { text, blocks } = handoffBlocks(m.incoming, m.outgoing, m.summary.flatMap(sectionBlocks), m.zone, m.late);
    return { method: 'chat.postMessage', args: { channel: m.channel, text, blocks, unfurl_links: false } };
  },
  'rotation.duty_topic': (m) => ({
    method: 'conversations.setTopic',
    args: { channel: m.channel, topic: dutyTopic(m.period, m.zone) },
  }),
  'rotation.duty_user_group': (m) => ({
    method: 'usergroups.users.update',
    args: { usergroup: m.userGroup, users: m.users.join(',') },
    outboxKind: dutyUserGroupKind,
  }),
  'rotation.briefing': (m) => dm(m.to, briefingText(m.period, m.dutyChannel, m.zone)),
  'rotation.heads_up': (m) => dm(m.to, headsUpText(m.period, m.zone)),
  'rotation.swap_asked': (m) => {
    const { text, blocks } = swapRequestBlocks(m.requestId, m.by, m.mine, m.theirs, m.zone);
    return { method: 'chat.postMessage', args: { channel: m.to, text, blocks } };
  },
  'rotation.swap_declined': (m) => dm(m.to, `<@${m.by}> (${m.byTeam}) declined your swap request. Nothing changed.`),
  'rotation.swap_agreed': (m) =>
    dm(
      m.to,
      `:arrows_counterclockwise: Swap agreed: *${m.fromTeam}* and *${m.toTeam}* traded periods. \`/duty schedule\` shows the new order.`,
    ),
  'rotation.swap_request_reply': (m) => {
    const text =
      'asked' in m.reply
        ? `Asked <@${m.reply.asked.lead}> (${m.reply.asked.team}) to swap. Nothing changes until they accept.`
        : `:warning: ${m.reply.refused} Nothing changed.`;
    return m.channel
      ? { method: 'chat.postEphemeral', args: { channel: m.channel, user: m.to, text } }
      : dm(m.to, text);
  },
  'rotation.away_noted': (m) =>
    dm(
      m.to,
      `:palm_tree: Noted: you are away from ${formatWhen(m.from, m.zone)} until ${formatWhen(m.until, m.zone)} (${m.zone}). The schedule and handoffs leave you out then.`,
    ),
};

function dm(user: string, text: string): SlackCall {
  return { method: 'chat.postMessage', args: { channel: user, text } };
}

/** One area's part of the handoff message. */
function sectionBlocks(section: HandoffSection): KnownBlock[] {
  switch (section.kind) {
    case 'tickets': {
      const { handled, open } = section;
      return [
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: `:ticket: *${handled}* ticket${handled === 1 ? '' : 's'} handled this period · *${open}* open carried over to the next team`,
          },
        },
        ...leaderboardBlocks(section.leaderboard, `Leaderboard — ${section.team}`),
      ];
    }
    case 'topics':
      return topTopicsBlocks(section.topics, section.title);
  }
}
