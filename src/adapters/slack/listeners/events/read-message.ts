import type { CardFile } from '../../blocks/ticket-card';

/** A Slack message as the Events API and conversations.history deliver it (only what intake reads). */
export interface SlackMessage {
  channel?: string;
  user?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
  subtype?: string;
  bot_id?: string;
  app_id?: string;
  bot_profile?: { app_id?: string; name?: string };
  username?: string;
  files?: { id?: string; name?: string; title?: string; permalink?: string; mode?: string }[];
  attachments?: { fallback?: string; text?: string; pretext?: string }[];
}

/** Who dutyloop itself is, so its own posts never come back as tickets. */
export interface Self {
  botUserId?: string;
  botId?: string;
  appId?: string;
}

export interface IntakeMessage {
  /** Empty when the message has neither text nor files. */
  text: string;
  /** The person who asked; null for a bot or workflow (it cannot be asked for a rating). */
  requester: string | null;
  files: CardFile[];
}

/** Subtypes that are a new request; edits, deletions, thread_broadcast copies, joins and the rest are not. */
const requestSubtypes = new Set([undefined, 'file_share', 'bot_message']);

/**
 * Whether a message is a request dutyloop should turn into a ticket, and what
 * the ticket says. A person's message (with or without files) is; a bot's or
 * workflow's only when its bot id or app id is in `acceptBots`; dutyloop's own
 * never.
 */
export function readIntakeMessage(
  m: SlackMessage,
  self: Self,
  acceptBots: readonly string[],
  alsoSubtypes: readonly string[] = [],
): IntakeMessage | null {
  if (!requestSubtypes.has(m.subtype) && !alsoSubtypes.includes(m.subtype ?? '')) return null;
  const appId = m.app_id ?? m.bot_profile?.app_id;
  const own =
    (m.user && m.user === self.botUserId) || (m.bot_id && m.bot_id === self.botId) || (appId && appId === self.appId);
  if (own) return null;
  const isBot = m.subtype === 'bot_message' || !!m.bot_id || !!appId;
  if (isBot && !acceptBots.some((id) => id === m.bot_id || id === appId)) return null;
  if (!isBot && !m.user) return null;
  const files = filesOf(m);
  return { text: messageText(m, files), requester: isBot ? null : m.user!, files };
}

/** Names and https permalinks only: files are never downloaded, and a tombstoned or hidden file keeps just its name. */
export function filesOf(m: SlackMessage): CardFile[] {
  return (m.files ?? [])
    .filter((f) => f.mode !== 'tombstone' && f.mode !== 'hidden_by_limit')
    .map((f) => ({
      name: (f.name || f.title || f.id || 'file').slice(0, 200),
      permalink: f.permalink && /^https:\/\//i.test(f.permalink) ? f.permalink : null,
    }));
}

/** The message's text; a workflow's may sit in its attachments; a bare upload is named by its files. */
function messageText(m: SlackMessage, files: CardFile[]): string {
  const text =
    m.text?.trim() ||
    (m.attachments ?? [])
      .map((a) => [a.pretext, a.text || a.fallback].filter(Boolean).join('\n'))
      .filter(Boolean)
      .join('\n\n')
      .trim();
  if (text) return text;
  if (files.length === 0) return '';
  return `Shared ${files.length === 1 ? 'a file' : `${files.length} files`}: ${files.map((f) => f.name).join(', ')}`;
}
