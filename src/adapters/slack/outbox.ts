import type { WebClient } from '@slack/web-api';
import { randomUUID } from 'node:crypto';
import type { EnqueueInput } from '../../services/ports/outbox';
import { PermanentError } from '../outbox/errors';
import {
  channelErrors,
  channelLogOf,
  ensureInChannel,
  hasChannelProblem,
  reportChannelProblem,
} from './channel-access';
import type { OutboxHandler, OutboxJob } from '../outbox/worker';

export interface SlackCall {
  /** A Web API method, e.g. "chat.postMessage". */
  method: string;
  args: Record<string, unknown>;
  /** The outbox kind whose handler performs it, when not the plain `slack.call` (e.g. a failure it tolerates). */
  outboxKind?: string;
}

const postMethods = new Set(['chat.postMessage', 'chat.update', 'chat.postEphemeral']);
const markerEvent = 'dutyloop_outbox';

/** The outbox row that performs `call`: its lane, and a marker so a retry after a crash can see it went out. */
export function slackCallToQueue(
  call: SlackCall,
  opts: { dedupeKey?: string; kind?: string; notBefore?: number },
  now: number,
): EnqueueInput {
  const channel = typeof call.args.channel === 'string' ? call.args.channel : undefined;
  const lane = postMethods.has(call.method) && channel ? `slack:post:${channel}` : `slack:api:${call.method}`;
  const args = { ...call.args };
  // A marker in the message metadata lets a retry after a crash see that the message already went out.
  if (call.method === 'chat.postMessage' && !args.metadata) {
    args.metadata = { event_type: markerEvent, event_payload: { key: opts.dedupeKey ?? randomUUID() } };
  }
  return {
    kind: opts.kind ?? call.outboxKind ?? 'slack.call',
    lane,
    payload: { method: call.method, args },
    dedupeKey: opts.dedupeKey,
    notBefore: opts.notBefore ?? now,
  };
}

/** Performs a queued Slack call; its response is stored as the outbox row's result. */
export async function performSlackCall(slack: WebClient, job: OutboxJob): Promise<Record<string, unknown>> {
  const { method, args } = job.payload as SlackCall;
  if (job.uncertain && method === 'chat.postMessage') {
    const already = await findPostedMessage(slack, args);
    if (already) return { ok: true, channel: args.channel, ts: already, recovered: true };
  }
  try {
    return (await slack.apiCall(method, args)) as unknown as Record<string, unknown>;
  } catch (err) {
    return (await retryInChannel(slack, method, args, err)) as unknown as Record<string, unknown>;
  }
}

/**
 * A write refused because of its channel: joined and sent again when the bot
 * may join it; otherwise said once (with the fix) and failed for good, so the
 * channel's lane moves on to the next write.
 */
async function retryInChannel(
  slack: WebClient,
  method: string,
  args: Record<string, unknown>,
  err: unknown,
): Promise<unknown> {
  const error = (err as { data?: { error?: string } }).data?.error;
  const channel = typeof args.channel === 'string' ? args.channel : undefined;
  const log = channelLogOf(slack);
  if (!error || !channelErrors.has(error) || !channel || !log) throw err;
  // A channel already known to be out of reach is not checked again on every write.
  const known = hasChannelProblem(slack, channel);
  if (error === 'not_in_channel' && !known && (await ensureInChannel(slack, log, channel)))
    return slack.apiCall(method, args);
  reportChannelProblem(slack, log, channel, error);
  throw new PermanentError(`slack: ${error} (${method} in ${channel})`);
}

export function slackOutboxHandlers(slack: WebClient | undefined): Record<string, OutboxHandler> {
  return {
    'slack.call': async (job) => {
      if (!slack) throw new PermanentError('Slack is not configured');
      return performSlackCall(slack, job);
    },
  };
}

/** Looks for a message carrying our outbox marker among the channel's latest messages. */
async function findPostedMessage(slack: WebClient, args: Record<string, unknown>): Promise<string | undefined> {
  const key = (args.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key;
  if (!key || typeof args.channel !== 'string') return undefined;
  const history = await slack.conversations.history({ channel: args.channel, limit: 50, include_all_metadata: true });
  const hit = history.messages?.find((m) => {
    const meta = (m as { metadata?: { event_type?: string; event_payload?: { key?: string } } }).metadata;
    return meta?.event_type === markerEvent && meta.event_payload?.key === key;
  });
  return hit?.ts;
}
