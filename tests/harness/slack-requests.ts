import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { issueTriggerId } from './slack-triggers';

/**
 * Real-shaped Slack requests (shapes from shared/fixtures/slack/, values
 * filled in) signed like Slack signs them, POSTed to a running dutyloop.
 */
export interface SlackTarget {
  url: string;
  signingSecret: string;
}
export interface SlackReply {
  status: number;
  headers: Headers;
  body: any;
}
export interface SignOptions {
  /** Unix seconds; default now. Set it in the past to test stale requests. */
  timestamp?: number;
  /** Sign with another secret (a forgery). */
  secret?: string;
  /** Send exactly this `X-Slack-Signature` (or none, with ''), whatever the body. */
  signature?: string;
}

const fixtures = fileURLToPath(new URL('../fixtures/slack', import.meta.url));
const shapeCache = new Map<string, Record<string, any>>();

/** A fixture payload shape, deep-copied, for a test to fill in. */
export function fixtureShape(relative: string): Record<string, any> {
  if (!shapeCache.has(relative)) {
    shapeCache.set(relative, JSON.parse(fs.readFileSync(path.join(fixtures, relative), 'utf8')) as Record<string, any>);
  }
  return structuredClone(shapeCache.get(relative)!);
}

export function signSlackRequest(
  secret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const ts = String(timestamp);
  return {
    'x-slack-request-timestamp': ts,
    'x-slack-signature': `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`,
  };
}

/** A request signed as Slack signs it, not sent yet (the bench sends these from a thread of its own). */
export interface SignedSlackRequest {
  body: string;
  headers: Record<string, string>;
}

function signedRequest(
  target: SlackTarget,
  body: string,
  contentType: string,
  sign: SignOptions = {},
  extra: Record<string, string> = {},
): SignedSlackRequest {
  const headers: Record<string, string> = {
    'content-type': contentType,
    ...signSlackRequest(sign.secret ?? target.signingSecret, body, sign.timestamp),
    ...extra,
  };
  if (sign.signature !== undefined) headers['x-slack-signature'] = sign.signature;
  if (sign.signature === '') delete headers['x-slack-signature'];
  return { body, headers };
}

async function send(target: SlackTarget, { body, headers }: SignedSlackRequest): Promise<SlackReply> {
  const res = await fetch(target.url, { method: 'POST', headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  if (res.headers.get('content-type')?.includes('json') && text) parsed = JSON.parse(text);
  return { status: res.status, headers: res.headers, body: parsed };
}

let seq = 0;
const nextId = (prefix: string) =>
  `${prefix}${Date.now().toString(36).toUpperCase()}${(++seq).toString(36).toUpperCase()}`;

export interface SlashCommandInput {
  command?: string;
  text?: string;
  user_id?: string;
  user_name?: string;
  channel_id?: string;
  team_id?: string;
  response_url?: string;
  trigger_id?: string;
}

/** A slash command, form-encoded as Slack sends it (fixture: interactivity/SlashCommandPayload.json). */
export function postSlashCommand(
  target: SlackTarget,
  input: SlashCommandInput,
  sign?: SignOptions,
): Promise<SlackReply> {
  const shape = fixtureShape('interactivity/SlashCommandPayload.json');
  const fields: Record<string, string> = {};
  const filled = {
    ...shape,
    token: 'verification-token',
    api_app_id: 'A0TESTAPP',
    team_id: 'T0TESTTEAM',
    team_domain: 'example',
    channel_id: 'C0DUTY00001',
    channel_name: 'duty',
    user_id: 'U0ASKER0001',
    user_name: 'asker',
    command: '/duty',
    text: '',
    response_url: 'https://hooks.slack.com/commands/none',
    trigger_id: issueTriggerId(),
    ...input,
  };
  for (const [k, v] of Object.entries(filled)) if (v !== '' || k === 'text') fields[k] = String(v);
  return send(
    target,
    signedRequest(target, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', sign),
  );
}

/** An Events API delivery (`event_callback` envelope) with an event inside. */
export function postEvent(
  target: SlackTarget,
  event: Record<string, any>,
  opts: { retryNum?: number; eventId?: string; teamId?: string } & SignOptions = {},
): Promise<SlackReply> {
  const envelope = {
    token: 'verification-token',
    team_id: opts.teamId ?? 'T0TESTTEAM',
    api_app_id: 'A0TESTAPP',
    event,
    type: 'event_callback',
    event_id: opts.eventId ?? nextId('Ev'),
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: opts.teamId ?? 'T0TESTTEAM', user_id: 'U0DUTYLOOPBOT', is_bot: true }],
  };
  const extra: Record<string, string> = opts.retryNum
    ? { 'x-slack-retry-num': String(opts.retryNum), 'x-slack-retry-reason': 'http_timeout' }
    : {};
  return send(target, signedRequest(target, JSON.stringify(envelope), 'application/json', opts, extra));
}

function interactiveRequest(target: SlackTarget, payload: Record<string, any>, sign?: SignOptions): SignedSlackRequest {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return signedRequest(target, body, 'application/x-www-form-urlencoded', sign);
}

function postInteractive(target: SlackTarget, payload: Record<string, any>, sign?: SignOptions): Promise<SlackReply> {
  return send(target, interactiveRequest(target, payload, sign));
}

const user = (id: string, teamId = 'T0TESTTEAM') => ({
  id,
  username: id.toLowerCase(),
  name: id.toLowerCase(),
  team_id: teamId,
});
const team = (id = 'T0TESTTEAM') => ({ id, domain: 'example' });

export interface BlockActionInput {
  action_id: string;
  value?: string;
  user_id?: string;
  block_id?: string;
  channel_id?: string;
  message_ts?: string;
  view?: Record<string, any>;
  response_url?: string;
  selected_option?: unknown;
}

/** A button click (fixture: interactivity/BlockActionPayload.json), signed and ready to send. */
export function blockActionRequest(
  target: SlackTarget,
  input: BlockActionInput,
  sign?: SignOptions,
): SignedSlackRequest {
  const p = fixtureShape('interactivity/BlockActionPayload.json');
  const inView = !!input.view;
  Object.assign(p, {
    type: 'block_actions',
    team: team(),
    user: user(input.user_id ?? 'U0ASKER0001'),
    api_app_id: 'A0TESTAPP',
    token: 'verification-token',
    trigger_id: issueTriggerId(),
    response_url: input.response_url ?? 'https://hooks.slack.com/actions/none',
    container: inView
      ? { type: 'view', view_id: input.view?.id ?? 'V0TEST' }
      : {
          type: 'message',
          message_ts: input.message_ts ?? '1700000000.000001',
          channel_id: input.channel_id ?? 'C0DUTY00001',
          is_ephemeral: false,
        },
    channel: inView ? undefined : { id: input.channel_id ?? 'C0DUTY00001', name: 'duty' },
    message: inView
      ? undefined
      : { type: 'message', ts: input.message_ts ?? '1700000000.000001', text: '', blocks: [] },
    view: input.view,
    actions: [
      {
        type: 'button',
        action_id: input.action_id,
        block_id: input.block_id ?? 'b',
        value: input.value,
        action_ts: `${Date.now() / 1000}`,
        selected_option: input.selected_option,
      },
    ],
  });
  delete p.enterprise;
  return interactiveRequest(target, p, sign);
}

/** A button click (fixture: interactivity/BlockActionPayload.json). */
export function postBlockAction(target: SlackTarget, input: BlockActionInput, sign?: SignOptions): Promise<SlackReply> {
  return send(target, blockActionRequest(target, input, sign));
}

/** A message shortcut (fixture: interactivity/MessageShortcutPayload.json). */
export function postMessageShortcut(
  target: SlackTarget,
  input: {
    callback_id: string;
    user_id?: string;
    channel_id?: string;
    message: { ts: string; text: string; user?: string; thread_ts?: string };
  },
  sign?: SignOptions,
): Promise<SlackReply> {
  const p = fixtureShape('interactivity/MessageShortcutPayload.json');
  Object.assign(p, {
    type: 'message_action',
    callback_id: input.callback_id,
    team: team(),
    user: user(input.user_id ?? 'U0ASKER0001'),
    channel: { id: input.channel_id ?? 'C0SUPPORT01', name: 'support' },
    trigger_id: issueTriggerId(),
    token: 'verification-token',
    message_ts: input.message.ts,
    message: { type: 'message', user: input.message.user ?? 'U0CUSTOMER1', ...input.message },
    response_url: 'https://hooks.slack.com/app/none',
  });
  delete p.enterprise;
  return postInteractive(target, p, sign);
}

/**
 * A modal submission (fixture: interactivity/ViewSubmissionPayload.json).
 * `values` is `{ [block_id]: { [action_id]: { type, value | selected_option | selected_date … } } }`.
 */
export function postViewSubmission(
  target: SlackTarget,
  input: {
    callback_id: string;
    values: Record<string, Record<string, any>>;
    private_metadata?: string;
    user_id?: string;
    view_id?: string;
  },
  sign?: SignOptions,
): Promise<SlackReply> {
  const p = fixtureShape('interactivity/ViewSubmissionPayload.json');
  Object.assign(p, {
    type: 'view_submission',
    team: team(),
    user: user(input.user_id ?? 'U0ASKER0001'),
    api_app_id: 'A0TESTAPP',
    token: 'verification-token',
    trigger_id: issueTriggerId(),
    view: {
      ...(p.view ?? {}),
      id: input.view_id ?? nextId('V'),
      team_id: 'T0TESTTEAM',
      type: 'modal',
      callback_id: input.callback_id,
      private_metadata: input.private_metadata ?? '',
      state: { values: input.values },
      hash: 'h',
      blocks: [],
    },
    response_urls: [],
  });
  delete p.enterprise;
  return postInteractive(target, p, sign);
}

/** A modal closed with Cancel (fixture: interactivity/ViewClosedPayload.json). */
export function postViewClosed(
  target: SlackTarget,
  input: { callback_id: string; user_id?: string; private_metadata?: string },
  sign?: SignOptions,
): Promise<SlackReply> {
  const p = fixtureShape('interactivity/ViewClosedPayload.json');
  Object.assign(p, {
    type: 'view_closed',
    team: team(),
    user: user(input.user_id ?? 'U0ASKER0001'),
    api_app_id: 'A0TESTAPP',
    token: 'verification-token',
    is_cleared: false,
    view: {
      ...(p.view ?? {}),
      id: nextId('V'),
      type: 'modal',
      callback_id: input.callback_id,
      private_metadata: input.private_metadata ?? '',
      state: { values: {} },
    },
  });
  delete p.enterprise;
  return postInteractive(target, p, sign);
}

/** A `message` event (fixture: events/MessagePayload.json's event). */
export function messageEvent(input: {
  channel: string;
  user: string;
  text: string;
  ts?: string;
  thread_ts?: string;
  subtype?: string;
  bot_id?: string;
  channel_type?: string;
}): Record<string, any> {
  // The fixture carries every optional field (bot_profile, edited, files…) blanked; a plain
  // human message has only these, so keep the fixture's names for just those keys.
  const shape = fixtureShape('events/MessagePayload.json').event ?? {};
  const keep = ['client_msg_id', 'type', 'team', 'channel', 'user', 'text', 'ts', 'event_ts', 'channel_type', 'blocks'];
  const ts = input.ts ?? `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, '0')}`;
  const e: Record<string, any> = Object.fromEntries(keep.filter((k) => k in shape).map((k) => [k, shape[k]]));
  Object.assign(
    e,
    {
      client_msg_id: nextId('m-'),
      type: 'message',
      team: 'T0TESTTEAM',
      channel_type: input.channel_type ?? 'channel',
      event_ts: ts,
      blocks: [],
    },
    input,
    { ts },
  );
  for (const k of Object.keys(e)) if (e[k] === undefined) delete e[k];
  return e;
}

/** A `reaction_added` event (fixture: events/ReactionAddedPayload.json's event). */
export function reactionAddedEvent(input: {
  user: string;
  reaction: string;
  channel: string;
  ts: string;
  item_user?: string;
}): Record<string, any> {
  const shape = fixtureShape('events/ReactionAddedPayload.json').event ?? {};
  return {
    ...shape,
    type: 'reaction_added',
    user: input.user,
    reaction: input.reaction,
    item_user: input.item_user ?? 'U0CUSTOMER1',
    item: { type: 'message', channel: input.channel, ts: input.ts },
    event_ts: `${Date.now() / 1000}`,
  };
}

/** An `app_home_opened` event (fixture: events/AppHomeOpenedPayload.json's event). */
export function appHomeOpenedEvent(input: { user: string; tab?: 'home' | 'messages' }): Record<string, any> {
  const shape = fixtureShape('events/AppHomeOpenedPayload.json').event ?? {};
  return {
    ...shape,
    type: 'app_home_opened',
    user: input.user,
    channel: `D${input.user.slice(1)}`,
    tab: input.tab ?? 'home',
    event_ts: `${Date.now() / 1000}`,
    view: undefined,
  };
}
