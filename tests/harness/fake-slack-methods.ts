import type { FakeChannel } from './slack-channels';

/**
 * Standard answers of the fake Slack, shaped like the examples in Slack's
 * published OpenAPI spec (shared/fixtures/slack/web-api/openapi-v2.json).
 */
export interface FakeUser {
  id: string;
  name?: string;
  real_name?: string;
  email?: string;
  tz?: string;
  deleted?: boolean;
  is_bot?: boolean;
}
export interface StoredMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  blocks?: unknown;
  metadata?: unknown;
  user: string;
  bot_id: string;
}
export interface SlackState {
  teamId: string;
  tsSeq: number;
  messages: StoredMessage[];
  users: Map<string, FakeUser>;
  openIdCodes: Map<string, string>;
  viewSeq: number;
  /** The workspace's channels and whether the bot is in each (DMs are implicit). */
  channels: Map<string, FakeChannel>;
}
export type SlackHandler = (
  args: Record<string, any>,
  state: SlackState,
  request: { token?: string },
) => unknown | Promise<unknown>;

const botUserId = 'U0DUTYLOOPBOT';
const botId = 'B0DUTYLOOPBT';

function nextTs(state: SlackState): string {
  state.tsSeq += 1;
  return `1700000000.${String(state.tsSeq).padStart(6, '0')}`;
}

function userObject(u: FakeUser, teamId: string) {
  return {
    id: u.id,
    team_id: teamId,
    name: u.name ?? u.id.toLowerCase(),
    deleted: u.deleted ?? false,
    real_name: u.real_name ?? u.name ?? u.id,
    tz: u.tz ?? 'Europe/Berlin',
    tz_label: 'Central European Time',
    tz_offset: 3600,
    is_bot: u.is_bot ?? false,
    is_admin: false,
    is_owner: false,
    updated: 1502138686,
    profile: { real_name: u.real_name ?? u.name ?? u.id, display_name: u.name ?? '', email: u.email, team: teamId },
  };
}

/** Slack returns a message's metadata only to a reader who asks for it (`include_all_metadata`). */
function messageObject(m: StoredMessage, withMetadata = true) {
  return {
    type: 'message',
    subtype: 'bot_message',
    text: m.text ?? '',
    ts: m.ts,
    thread_ts: m.thread_ts,
    user: m.user,
    bot_id: m.bot_id,
    blocks: m.blocks,
    metadata: withMetadata ? m.metadata : undefined,
  };
}

const flag = (v: unknown) => v === true || v === 'true' || v === '1' || v === 1;

function view(state: SlackState, v: Record<string, any> | undefined, extra: Record<string, unknown> = {}) {
  state.viewSeq += 1;
  const id = String(extra.id ?? `V0${String(state.viewSeq).padStart(8, '0')}`);
  const defaults = {
    id,
    team_id: state.teamId,
    app_id: 'A0TESTAPP',
    bot_id: botId,
    root_view_id: id,
    previous_view_id: null,
    external_id: '',
    callback_id: '',
    private_metadata: '',
    state: { values: {} },
    hash: `${1700000000 + state.viewSeq}.fakehash`,
    clear_on_close: false,
    notify_on_close: false,
  };
  return { ok: true, view: { ...defaults, ...v, ...extra } };
}

export const standardHandlers: Record<string, SlackHandler> = {
  'auth.test': (_a, s) => ({
    ok: true,
    url: 'https://example.slack.com/',
    team: 'Example',
    user: 'dutyloop',
    team_id: s.teamId,
    user_id: botUserId,
    bot_id: botId,
  }),
  'chat.postMessage': (a, s) => {
    if (!a.channel) return { ok: false, error: 'channel_not_found' };
    if (!a.text && !a.blocks && !a.attachments) return { ok: false, error: 'no_text' };
    const m: StoredMessage = {
      channel: String(a.channel),
      ts: nextTs(s),
      thread_ts: a.thread_ts,
      text: a.text,
      blocks: a.blocks,
      metadata: a.metadata,
      user: botUserId,
      bot_id: botId,
    };
    s.messages.push(m);
    return { ok: true, channel: m.channel, ts: m.ts, message: messageObject(m) };
  },
  'chat.update': (a, s) => {
    const m = s.messages.find((x) => x.channel === a.channel && x.ts === a.ts);
    if (!m) return { ok: false, error: 'message_not_found' };
    if (a.text !== undefined) m.text = a.text;
    if (a.blocks !== undefined) m.blocks = a.blocks;
    return { ok: true, channel: m.channel, ts: m.ts, text: m.text ?? '', message: messageObject(m) };
  },
  'chat.postEphemeral': (_a, s) => ({ ok: true, message_ts: nextTs(s) }),
  'chat.delete': (a, s) => {
    s.messages = s.messages.filter((x) => !(x.channel === a.channel && x.ts === a.ts));
    return { ok: true, channel: a.channel, ts: a.ts };
  },
  'chat.getPermalink': (a) => ({
    ok: true,
    channel: a.channel,
    permalink: `https://example.slack.com/archives/${a.channel}/p${String(a.message_ts).replace('.', '')}`,
  }),
  'conversations.open': (a) => {
    const users = String(a.users ?? '')
      .split(',')
      .filter(Boolean);
    return { ok: true, channel: { id: `D${(users[0] ?? 'X').slice(1)}` } };
  },
  'conversations.info': (a, s) => {
    const c = s.channels.get(String(a.channel));
    const direct = /^D/.test(String(a.channel));
    return {
      ok: true,
      channel: {
        id: a.channel,
        name: c?.name ?? 'duty',
        is_channel: !direct,
        is_im: direct,
        is_private: c?.kind === 'private',
        is_member: direct || (c?.member ?? true),
        topic: { value: '' },
      },
    };
  },
  'conversations.setTopic': (a) => ({ ok: true, channel: { id: a.channel, topic: { value: a.topic } } }),
  'conversations.join': (a, s) => {
    const c = s.channels.get(String(a.channel));
    if (c) c.member = true;
    return { ok: true, channel: { id: a.channel, name: c?.name, is_channel: true, is_member: true } };
  },
  'conversations.history': (a, s) => ({
    ok: true,
    messages: s.messages
      .filter((m) => m.channel === a.channel && !m.thread_ts)
      .reverse()
      .slice(0, Number(a.limit ?? 100))
      .map((m) => messageObject(m, flag(a.include_all_metadata))),
    has_more: false,
    response_metadata: { next_cursor: '' },
  }),
  'conversations.replies': (a, s) => ({
    ok: true,
    messages: s.messages
      .filter((m) => m.channel === a.channel && (m.ts === a.ts || m.thread_ts === a.ts))
      .map((m) => messageObject(m, flag(a.include_all_metadata))),
    has_more: false,
  }),
  'users.info': (a, s) => {
    const u = s.users.get(String(a.user));
    return u ? { ok: true, user: userObject(u, s.teamId) } : { ok: false, error: 'user_not_found' };
  },
  'users.lookupByEmail': (a, s) => {
    const u = [...s.users.values()].find((x) => x.email?.toLowerCase() === String(a.email).toLowerCase());
    return u ? { ok: true, user: userObject(u, s.teamId) } : { ok: false, error: 'users_not_found' };
  },
  'usergroups.users.update': (a, s) => ({
    ok: true,
    usergroup: {
      id: a.usergroup,
      team_id: s.teamId,
      is_usergroup: true,
      name: 'Support duty',
      handle: 'support-duty',
      users: String(a.users ?? '')
        .split(',')
        .filter(Boolean),
      user_count: String(a.users ?? '')
        .split(',')
        .filter(Boolean).length,
    },
  }),
  'usergroups.list': (_a, s) => ({
    ok: true,
    usergroups: [{ id: 'S0SUPPORT01', team_id: s.teamId, handle: 'support-duty', name: 'Support duty' }],
  }),
  'reactions.add': () => ({ ok: true }),
  'team.info': (_a, s) => ({ ok: true, team: { id: s.teamId, name: 'Example', domain: 'example' } }),
  'views.open': (a, s) => view(s, a.view),
  'views.push': (a, s) => view(s, a.view),
  'views.update': (a, s) => view(s, a.view, a.view_id ? { id: a.view_id } : {}),
  'views.publish': (a, s) => view(s, a.view, { user_id: a.user_id }),
  'openid.connect.token': (a, s) => {
    const userId = s.openIdCodes.get(String(a.code));
    if (!userId) return { ok: false, error: 'invalid_code' };
    return {
      ok: true,
      access_token: `xoxp-openid-${userId}`,
      token_type: 'Bearer',
      id_token: 'eyJ.fake.jwt',
      state: a.state,
    };
  },
  'openid.connect.userInfo': (a, s, { token }) => {
    const userId = (token ?? String(a.token ?? '')).match(/^xoxp-openid-(\w+)$/)?.[1];
    const u = userId ? s.users.get(userId) : undefined;
    if (!userId) return { ok: false, error: 'invalid_auth' };
    return {
      ok: true,
      sub: userId,
      'https://slack.com/user_id': userId,
      'https://slack.com/team_id': s.teamId,
      email: u?.email,
      email_verified: true,
      name: u?.real_name ?? u?.name ?? userId,
      'https://slack.com/team_name': 'Example',
    };
  },
};
