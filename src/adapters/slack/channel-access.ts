import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logger';
import type { Ctx } from '../../services/context';

/**
 * Whether the bot can work in the channels dutyloop posts to. A channel it
 * was not invited to is joined when that is allowed (a public channel and the
 * channels:join scope); otherwise the problem is logged once, with the fix,
 * and kept so the App Home can show it to admins until it is solved.
 */
export interface ChannelProblem {
  channel: string;
  /** Slack's error: not_in_channel, channel_not_found, or is_archived. */
  error: string;
}

const problemsByClient = new WeakMap<WebClient, Map<string, ChannelProblem>>();
/** The log each client reports channel problems to; set at start, so every outbox handler shares it. */
const logByClient = new WeakMap<WebClient, Logger>();

export function channelLogOf(slack: WebClient): Logger | undefined {
  return logByClient.get(slack);
}

function problemsOf(slack: WebClient): Map<string, ChannelProblem> {
  let m = problemsByClient.get(slack);
  if (!m) {
    m = new Map();
    problemsByClient.set(slack, m);
  }
  return m;
}

export const channelErrors = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

/** The channel problems this client has met and not seen solved since. */
export function channelProblems(slack: WebClient | undefined): ChannelProblem[] {
  return slack ? [...problemsOf(slack).values()] : [];
}

/** What an admin should do about `p`, in one sentence. */
export function channelFix(p: ChannelProblem): string {
  if (p.error === 'channel_not_found')
    return `dutyloop cannot see channel ${p.channel}: it does not exist, or it is private and the bot was not invited. Check the channel id in the config, or invite the bot with /invite @dutyloop in that channel.`;
  if (p.error === 'is_archived')
    return `channel ${p.channel} is archived: unarchive it, or name another channel in the config.`;
  return `dutyloop is not a member of channel ${p.channel}, so it cannot set the topic, read replies or post there: invite the bot with /invite @dutyloop in that channel.`;
}

/** Records a problem; the first time for a channel it is said in the log, once. */
export function reportChannelProblem(slack: WebClient, log: Logger, channel: string, error: string): void {
  const problems = problemsOf(slack);
  if (problems.get(channel)?.error === error) return;
  const p = { channel, error };
  problems.set(channel, p);
  log.error({ channel, error }, channelFix(p));
}

export function hasChannelProblem(slack: WebClient, channel: string): boolean {
  return problemsOf(slack).has(channel);
}

export function clearChannelProblem(slack: WebClient, channel: string): void {
  problemsOf(slack).delete(channel);
}

const slackErrorOf = (err: unknown): string | undefined =>
  (err as { data?: { error?: string } } | undefined)?.data?.error;

/**
 * Joins `channel` when the bot is not in it and may join it. Returns true when
 * the bot is in the channel afterwards; otherwise the problem is reported.
 */
export async function ensureInChannel(slack: WebClient, log: Logger, channel: string): Promise<boolean> {
  try {
    const info = await slack.conversations.info({ channel });
    const c = info.channel as { is_member?: boolean; is_private?: boolean; is_archived?: boolean } | undefined;
    if (c?.is_archived) return fail(slack, log, channel, 'is_archived');
    if (c?.is_member) {
      clearChannelProblem(slack, channel);
      return true;
    }
    const scopes = info.response_metadata?.scopes ?? [];
    if (c?.is_private || !scopes.includes('channels:join')) return fail(slack, log, channel, 'not_in_channel');
    await slack.conversations.join({ channel });
    clearChannelProblem(slack, channel);
    log.info({ channel }, 'slack: joined the channel (the bot was not a member; the app may join public channels)');
    return true;
  } catch (err) {
    const error = slackErrorOf(err);
    if (error && channelErrors.has(error)) return fail(slack, log, channel, error);
    // Anything else (Slack down, a missing scope) is not a verdict on the channel.
    log.warn({ err, channel }, "slack: could not check the bot's membership of the channel");
    return false;
  }
}

function fail(slack: WebClient, log: Logger, channel: string, error: string): false {
  reportChannelProblem(slack, log, channel, error);
  return false;
}

/**
 * At start: the duty channel and the intake channels are where the bot must
 * be a member (topic, thread replies, messages to turn into tickets). Never
 * stops start-up: a channel problem is logged and shown to admins instead.
 */
export async function checkChannels(slack: WebClient | undefined, ctx: Pick<Ctx, 'log' | 'config'>): Promise<void> {
  const { log, config } = ctx;
  if (!slack) return;
  logByClient.set(slack, log);
  const channels = [config.file.dutyChannel, ...config.file.intake.channels].filter((c): c is string => !!c);
  for (const channel of new Set(channels)) await ensureInChannel(slack, log, channel);
}
