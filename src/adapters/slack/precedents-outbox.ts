import type { WebClient } from '@slack/web-api';
import type { Ctx } from '../../services/context';
import {
  loadOfferedPrecedents,
  offerPrecedents,
  postPrecedentsKind,
  ticketPrecedentsKind,
} from '../../services/knowledge/post-precedents';
import { PermanentError } from '../outbox/errors';
import type { OutboxHandler } from '../outbox/worker';
import { precedentsBlocks } from './blocks/precedents';
import { performSlackCall } from './outbox';

const markerKey = (ticketId: number) => `ticket.precedents:${ticketId}`;

/**
 * A reply already in the card's thread with our marker. The generic recovery
 * reads the channel's history, which holds no thread replies, so the thread
 * is read here.
 */
async function findPostedReply(
  slack: WebClient,
  channel: string,
  threadTs: string,
  key: string,
): Promise<string | undefined> {
  const replies = await slack.conversations.replies({ channel, ts: threadTs, limit: 200, include_all_metadata: true });
  const hit = replies.messages?.find((m) => {
    const meta = (m as { metadata?: { event_type?: string; event_payload?: { key?: string } } }).metadata;
    return meta?.event_type === 'dutyloop_outbox' && meta.event_payload?.key === key;
  });
  return hit?.ts;
}

/** The search for a new ticket's precedents, and their reply in its card's thread when there are some. */
export function precedentsOutboxHandlers(ctx: Ctx, slack: WebClient | undefined): Record<string, OutboxHandler> {
  return {
    [ticketPrecedentsKind]: async (job) => {
      const { ticketId, channel } = job.payload as { ticketId: number; channel: string };
      const precedents = await offerPrecedents({ ctx, input: { ticketId, channel } });
      return { precedents };
    },
    [postPrecedentsKind]: async (job) => {
      if (!slack) throw new PermanentError('Slack is not configured');
      const { ticketId } = job.payload as { ticketId: number };
      const t = await ctx.repos.tickets.byId(ctx.workspaceId, ticketId);
      if (!t?.cardChannelId || !t.cardTs) return { skipped: 'no card' };
      // Resolved before its turn in the channel came (a burst): the thread needs no hints any more.
      if (t.status === 'resolved') return { skipped: 'resolved' };
      const offered = await loadOfferedPrecedents({ ctx, input: { ticketId } });
      if (offered.length === 0) return { skipped: 'nothing offered' };
      const key = markerKey(ticketId);
      // An interrupted or failed earlier attempt may have reached Slack (a lost answer): look before posting again.
      if (job.uncertain || job.attempts > 1) {
        const ts = await findPostedReply(slack, t.cardChannelId, t.cardTs, key);
        if (ts) return { ok: true, channel: t.cardChannelId, ts, recovered: true };
      }
      const { text, blocks } = precedentsBlocks(ticketId, offered);
      const args = {
        channel: t.cardChannelId,
        thread_ts: t.cardTs,
        text,
        blocks,
        unfurl_links: false,
        metadata: { event_type: 'dutyloop_outbox', event_payload: { key } },
      };
      return performSlackCall(slack, { ...job, uncertain: false, payload: { method: 'chat.postMessage', args } });
    },
  };
}
