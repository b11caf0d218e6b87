/**
 * The app's doors as the test knocks on them: one function per way a person
 * acts (a helpdesk posting, a customer writing in Slack, an operator using a
 * shortcut or a modal), each waiting until the app has done what it does
 * after Slack's ack.
 */
import {
  fixtureShape,
  messageEvent,
  postBlockAction,
  postEvent,
  postViewSubmission,
  reactionAddedEvent,
  signSlackRequest,
  type SignOptions,
} from '../../harness/slack-requests';
import { issueTriggerId } from '../../harness/slack-triggers';
import { channels, operators, type PlannedTicket } from './ground-truth-plan';
import type { GroundTruthWorld } from './ground-truth-world';

/** Ticket ids as the app answered them, by plan serial. */
export type TicketIds = Map<number, number>;

/** Signed at the app's clock, as Slack would sign a request sent at that instant. */
export const sign = (w: GroundTruthWorld): SignOptions => ({ timestamp: Math.floor(w.clock.now().getTime() / 1000) });

/**
 * The id of a ticket a Slack listener stores after its ack, once stored (the
 * clock must not move before: the ticket is stamped with it). Slack's own key
 * for a message is its channel and ts.
 */
export async function storedId(w: GroundTruthWorld, t: PlannedTicket): Promise<number> {
  let found: { id: number } | undefined;
  await w.until(async () => {
    [found] = await w.app.query<{ id: number }>(
      'SELECT id FROM tickets WHERE origin_channel_id = ? AND origin_ts = ?',
      t.slack!.channel,
      t.slack!.ts,
    );
    return found !== undefined;
  }, `the ticket of ${t.tag}`);
  return found!.id;
}

/** The ticket's state, read only to know when a listener that works after Slack's ack is done. */
export async function row(
  w: GroundTruthWorld,
  id: number,
): Promise<{ status: string; fr: number | null; rating: number | null }> {
  const [found] = await w.app.query<{ status: string; fr: number | null; rating: number | null }>(
    'SELECT status, first_response_at AS fr, rating FROM tickets WHERE id = ?',
    id,
  );
  return found!;
}

export function expectStatus(res: { status: number }, want: number, what: string): void {
  if (res.status !== want) throw new Error(`${what} answered ${res.status}, expected ${want}`);
}

/** The link modal as the app last showed it, per ticket and planned issue: it carries the Unlink buttons. */
export interface LinkView {
  blocks: { block_id?: string; text?: { text?: string }; accessory?: { action_id?: string; value?: string } }[];
}
const openModals = new WeakMap<GroundTruthWorld, Map<string, LinkView>>();

/** Keeps the modal the app answered with, for a later Unlink. */
export function keepLinkModal(w: GroundTruthWorld, ticketId: number, issue: number, view: LinkView): void {
  if (!openModals.has(w)) openModals.set(w, new Map());
  openModals.get(w)!.set(`${ticketId}:${issue}`, view);
}

/** The modal's Unlink button next to the issue, as the operator clicks it. */
export async function unlink(w: GroundTruthWorld, ticketId: number, issue: number, by: string): Promise<void> {
  const view = openModals.get(w)?.get(`${ticketId}:${issue}`);
  const key = w.issueKey(issue);
  const block = view?.blocks.find(
    (b) => b.accessory?.action_id === 'feedback.unlink' && (b.text?.text ?? '').includes(`|${key}>`),
  );
  if (!block) throw new Error(`no Unlink button for ${key} in the link modal`);
  const modal = {
    id: `V0LINK${ticketId}`,
    hash: 'h',
    type: 'modal',
    callback_id: 'feedback.link_issue',
    private_metadata: JSON.stringify({ ticketId }),
  };
  const res = await postBlockAction(
    w.app.slackTarget,
    { action_id: 'feedback.unlink', value: block.accessory!.value, block_id: block.block_id, user_id: by, view: modal },
    sign(w),
  );
  expectStatus(res, 200, 'the Unlink button');
  const [, issueId] = block.accessory!.value!.split(':').map(Number);
  await w.until(
    async () =>
      (await w.app.query('SELECT 1 FROM ticket_issue_links WHERE ticket_id = ? AND issue_id = ?', ticketId, issueId))
        .length === 0,
    `the unlink of ${key} from ticket ${ticketId}`,
  );
}

export function postApiTicket(w: GroundTruthWorld, t: PlannedTicket): Promise<Response> {
  return fetch(`${w.app.url}/api/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${w.apiToken}` },
    body: JSON.stringify({
      source: 'helpdesk',
      externalId: t.api!.externalId,
      customer: t.api!.customer,
      text: t.text,
    }),
  });
}

export async function createTicket(w: GroundTruthWorld, t: PlannedTicket, ids: TicketIds): Promise<void> {
  if (t.api) {
    const res = await postApiTicket(w, t);
    expectStatus(res, 201, 'POST /api/tickets');
    ids.set(t.serial, ((await res.json()) as { id: number }).id);
    return;
  }
  const s = t.slack!;
  const operator = operators[t.serial % operators.length]!;
  if (t.door === 'intake') {
    const event = messageEvent({ channel: s.channel, user: s.requester, text: t.text, ts: s.ts });
    const eventId = `Ev${t.tag}`;
    expectStatus(await postEvent(w.app.slackTarget, event, { eventId, ...sign(w) }), 200, 'an intake message');
    ids.set(t.serial, await storedId(w, t));
    // Slack redelivers when it thinks we were slow: the retry changes nothing.
    if (s.retry)
      expectStatus(
        await postEvent(w.app.slackTarget, event, { eventId, retryNum: 1, ...sign(w) }),
        200,
        'a redelivered intake message',
      );
    return;
  }
  if (t.door === 'reaction') {
    // The message the operator reacts to, as Slack holds it.
    w.addHumanMessage({ channel: s.channel, ts: s.ts, text: t.text, user: s.requester });
    const event = reactionAddedEvent({
      user: operator,
      reaction: 'ticket',
      channel: s.channel,
      ts: s.ts,
      item_user: s.requester,
    });
    expectStatus(await postEvent(w.app.slackTarget, event, sign(w)), 200, 'a :ticket: reaction');
    ids.set(t.serial, await storedId(w, t));
    return;
  }
  const opened = w.slack.calls.length;
  const res = await postShortcut(w, {
    user: operator,
    channel: s.channel,
    message: { ts: s.ts, text: t.text, user: s.requester },
  });
  expectStatus(res, 200, 'the message shortcut');
  let view: { private_metadata: string } | undefined;
  await w.until(() => {
    view = w.slack.calls
      .slice(opened)
      .find(
        (c) =>
          c.method === 'views.open' &&
          String((c.args.view as { private_metadata?: string }).private_metadata).includes(s.ts),
      )?.args.view as typeof view;
    return view !== undefined;
  }, `the create modal of ${t.tag}`);
  const values: Record<string, Record<string, unknown>> = {
    summary: { value: { type: 'plain_text_input', value: t.text } },
    priority: { value: { type: 'static_select', selected_option: { value: 'normal' } } },
    ...(s.customerField ? { customer: { value: { type: 'plain_text_input', value: s.customerField } } } : {}),
  };
  expectStatus(
    await postViewSubmission(
      w.app.slackTarget,
      { callback_id: 'ticket.create', user_id: operator, private_metadata: view!.private_metadata, values },
      sign(w),
    ),
    200,
    'the create modal',
  );
  ids.set(t.serial, await storedId(w, t));
}

/** The single-use rating link the app posted in the card's thread for support to pass on. */
export async function ratingLink(w: GroundTruthWorld, t: PlannedTicket): Promise<string> {
  const card = await w.card(t.tag);
  let link: string | undefined;
  await w.until(() => {
    const post = w.slack.state.messages.find(
      (m) => m.thread_ts === card.ts && m.channel === channels.duty && /Rating link/.test(m.text ?? ''),
    );
    link = /https:\/\/dutyloop\.example\.com(\/rate\/[\w.-]+)/.exec(post?.text ?? '')?.[1];
    return link !== undefined;
  }, `the rating link of ${t.tag}`);
  return `${w.app.url}${link}`;
}

/**
 * The message shortcut (fixture: interactivity/MessageShortcutPayload.json) with a
 * trigger issued on the fake Slack's clock, which moves with the planned days.
 */
async function postShortcut(
  w: GroundTruthWorld,
  input: { user: string; channel: string; message: { ts: string; text: string; user: string } },
): Promise<Response> {
  const p = fixtureShape('interactivity/MessageShortcutPayload.json');
  Object.assign(p, {
    type: 'message_action',
    callback_id: 'create_duty_ticket',
    team: { id: 'T0TESTTEAM', domain: 'example' },
    user: { id: input.user, username: input.user.toLowerCase(), name: input.user.toLowerCase(), team_id: 'T0TESTTEAM' },
    channel: { id: input.channel, name: 'support' },
    trigger_id: issueTriggerId(w.slack.now()),
    token: 'verification-token',
    message_ts: input.message.ts,
    message: { type: 'message', ...input.message },
    response_url: w.slack.responseUrl('shortcut'),
  });
  delete p.enterprise;
  const body = new URLSearchParams({ payload: JSON.stringify(p) }).toString();
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    ...signSlackRequest(w.app.slackTarget.signingSecret, body, sign(w).timestamp),
  };
  return fetch(w.app.slackTarget.url, { method: 'POST', headers, body });
}
