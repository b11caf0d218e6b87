import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/**
 * What a bot token may call: the bot scopes the committed manifest grants,
 * and, per Web API method dutyloop uses, the scope Slack requires and the
 * rate-limit tier Slack documents for it.
 */
const manifestPath = fileURLToPath(new URL('../../config/slack-manifest.yaml', import.meta.url));

let cached: string[] | undefined;

/** The bot scopes in config/slack-manifest.yaml (read once). */
export function manifestBotScopes(): string[] {
  if (!cached) {
    const manifest = parse(fs.readFileSync(manifestPath, 'utf8')) as { oauth_config?: { scopes?: { bot?: string[] } } };
    cached = manifest.oauth_config?.scopes?.bot ?? [];
  }
  return [...cached];
}

export type ConversationKind = 'public' | 'private' | 'im';

/**
 * The bot scope each method needs. A function when it depends on the kind of
 * conversation (public channel, private channel, DM); null when none is needed.
 */
const scopeByMethod: Record<string, string | null | ((kind: ConversationKind) => string)> = {
  'auth.test': null,
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'chat.delete': 'chat:write',
  'chat.getPermalink': null,
  'conversations.open': 'im:write',
  'conversations.info': (k) => ({ public: 'channels:read', private: 'groups:read', im: 'im:read' })[k],
  'conversations.setTopic': (k) => ({ public: 'channels:manage', private: 'groups:write', im: 'im:write' })[k],
  'conversations.join': 'channels:join',
  'conversations.history': (k) => ({ public: 'channels:history', private: 'groups:history', im: 'im:history' })[k],
  'conversations.replies': (k) => ({ public: 'channels:history', private: 'groups:history', im: 'im:history' })[k],
  'users.info': 'users:read',
  'users.lookupByEmail': 'users:read.email',
  'usergroups.users.update': 'usergroups:write',
  'usergroups.list': 'usergroups:read',
  'reactions.add': 'reactions:write',
  'team.info': 'team:read',
  'views.open': null,
  'views.push': null,
  'views.update': null,
  'views.publish': null,
};

/** The scope a bot token needs for `method` in a conversation of `kind`; undefined for a method not in the table. */
export function requiredScope(method: string, kind: ConversationKind = 'public'): string | null | undefined {
  const s = scopeByMethod[method];
  return typeof s === 'function' ? s(kind) : s;
}

/** Slack's tiers, in calls per minute per workspace. */
export const tierPerMinute = { 1: 1, 2: 20, 3: 50, 4: 100 } as const;
export type Tier = keyof typeof tierPerMinute;

/**
 * The documented tier of each method. chat.postMessage is "special" (about one
 * message per second per channel), enforced separately by the fake.
 */
export const tierByMethod: Record<string, Tier | 'special'> = {
  'auth.test': 4,
  'chat.postMessage': 'special',
  'chat.update': 3,
  'chat.postEphemeral': 4,
  'chat.delete': 3,
  'chat.getPermalink': 4,
  'conversations.open': 3,
  'conversations.info': 3,
  'conversations.setTopic': 2,
  'conversations.join': 3,
  'conversations.history': 3,
  'conversations.replies': 3,
  'users.info': 4,
  'users.lookupByEmail': 3,
  'usergroups.users.update': 2,
  'usergroups.list': 2,
  'reactions.add': 3,
  'team.info': 3,
  'views.open': 4,
  'views.push': 4,
  'views.update': 4,
  'views.publish': 4,
  'apps.connections.open': 1,
  'openid.connect.token': 3,
  'openid.connect.userInfo': 3,
};
