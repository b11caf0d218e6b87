import { mrkdwnLink } from '../../../domain/text/mrkdwn';
import type { FeedbackMessage } from '../../../services/ports/messages/feedback';
import { digestBlocks } from '../blocks/feedback-demand';
import { linkerNotice, threadNotice } from '../blocks/feedback-notices';
import { topTopicsBlocks } from '../blocks/topics';
import type { Renderers } from './render';

/** How each message of the feedback area looks in Slack. */
export const feedbackMessages: Renderers<FeedbackMessage> = {
  'feedback.issue_changed': (m) => ({
    method: 'chat.postMessage',
    args: { channel: m.channel, thread_ts: m.threadTs, text: threadNotice(m.issue, m.change), unfurl_links: false },
  }),
  'feedback.linked_issue_changed': (m) => ({
    method: 'chat.postMessage',
    args: { channel: m.to, text: linkerNotice(m.issue, m.change, m.tickets), unfurl_links: false },
  }),
  'feedback.ticket_linked': (m) => ({
    method: 'chat.postMessage',
    args: {
      channel: m.channel,
      thread_ts: m.threadTs,
      text: `:link: Linked to ${mrkdwnLink(m.issue.url, m.issue.key)}${m.by ? ` by <@${m.by}>` : ''}.`,
      unfurl_links: false,
    },
  }),
  'feedback.digest': (m) => {
    const { text, blocks } = digestBlocks(m.digest, m.weekLabel);
    const topics = topTopicsBlocks(m.topics, 'Top topics this week');
    return {
      method: 'chat.postMessage',
      args: { channel: m.channel, text, blocks: [...blocks, ...topics], unfurl_links: false },
    };
  },
};
