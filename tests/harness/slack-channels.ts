import type { ConversationKind } from './slack-scopes';

/**
 * The conversations of the fake workspace and whether the bot is in each,
 * with the refusals Slack gives for a conversation the bot cannot reach.
 */
export interface FakeChannel {
  id: string;
  name: string;
  kind: Exclude<ConversationKind, 'im'>;
  /** Whether the bot was invited (or joined). */
  member: boolean;
}

/**
 * The default world: the bot is in every channel the tests' configs name
 * (duty, intake, support, product channels…), so a test only sets membership
 * when membership is what it tests.
 */
export const defaultChannels: FakeChannel[] = [
  { id: 'C0DUTY00001', name: 'duty', kind: 'public', member: true },
  { id: 'C0DUTY', name: 'duty-short', kind: 'public', member: true },
  { id: 'C0INTAKE001', name: 'intake', kind: 'public', member: true },
  { id: 'C0SUPPORT01', name: 'support', kind: 'public', member: true },
  { id: 'C0SUPPORT', name: 'support-short', kind: 'public', member: true },
  { id: 'C0PRODUCT01', name: 'product', kind: 'public', member: true },
  { id: 'C0GENERAL01', name: 'general', kind: 'public', member: true },
  { id: 'C0RANDOM001', name: 'random', kind: 'public', member: true },
  { id: 'C1', name: 'one', kind: 'public', member: true },
  { id: 'C2', name: 'two', kind: 'public', member: true },
];

/** Methods that act in one conversation, named by their `channel` argument. */
const channelMethods = new Set([
  'chat.postMessage',
  'chat.update',
  'chat.postEphemeral',
  'chat.delete',
  'chat.getPermalink',
  'conversations.info',
  'conversations.setTopic',
  'conversations.join',
  'conversations.history',
  'conversations.replies',
  'reactions.add',
]);

/** Methods that need the bot in the conversation (a public channel with chat:write.public excepted for posting). */
const memberOnly = new Set([
  'conversations.setTopic',
  'conversations.history',
  'conversations.replies',
  'reactions.add',
]);
const posting = new Set(['chat.postMessage', 'chat.postEphemeral', 'chat.update', 'chat.delete']);

/** A DM: a D… id, or a user id, which chat.postMessage takes as the bot's DM with that user. */
export function isDirect(channel: string): boolean {
  return /^[DUW][A-Z0-9]+$/.test(channel);
}

export function channelOf(method: string, args: Record<string, unknown>): string | undefined {
  if (!channelMethods.has(method)) return undefined;
  return typeof args.channel === 'string' ? args.channel : '';
}

export function kindOf(channels: Map<string, FakeChannel>, channel: string | undefined): ConversationKind {
  if (channel && isDirect(channel)) return 'im';
  return channels.get(channel ?? '')?.kind ?? 'public';
}

/** Slack's refusal for `method` in `channel`, or undefined when the bot may act there. */
export function membershipError(
  method: string,
  channel: string,
  channels: Map<string, FakeChannel>,
  scopes: string[],
): string | undefined {
  if (isDirect(channel)) return undefined;
  const c = channels.get(channel);
  // A private channel the bot is not in is invisible to it, as if it did not exist.
  if (!c || (c.kind === 'private' && !c.member)) {
    if (method === 'conversations.join' && c) return 'method_not_supported_for_channel_type';
    return 'channel_not_found';
  }
  if (c.member) return undefined;
  if (method === 'conversations.join') return c.kind === 'public' ? undefined : 'method_not_supported_for_channel_type';
  if (posting.has(method))
    return c.kind === 'public' && scopes.includes('chat:write.public') ? undefined : 'not_in_channel';
  if (memberOnly.has(method)) return 'not_in_channel';
  return undefined;
}
