/**
 * Plays a plan through the app's real doors, in time order, with the app's
 * clock set to each planned instant: POST /api/tickets, signed Slack events
 * (intake messages, the :ticket: reaction, thread replies), the message
 * shortcut and its modal, card buttons, the resolve and link modals'
 * submissions, the rating buttons and the public rating page.
 */
import { fixtureShape, messageEvent, postBlockAction, postEvent, postViewSubmission, reactionAddedEvent, signSlackRequest, type SignOptions } from '../../harness/slack-requests';
import { issueTriggerId } from '../../harness/slack-triggers';
import { channels, operators, type Plan, type PlannedTicket } from './ground-truth-plan';
import type { GroundTruthWorld } from './ground-truth-world';

interface Step {
  at: number;
  what: string;
  run(): Promise<void>;
}

/** Ticket ids as the app answered them, by plan serial. */
export type TicketIds = Map<number, number>;

export async function drivePlan(w: GroundTruthWorld, plan: Plan): Promise<TicketIds> {
  const ids: TicketIds = new Map();
  const steps = plan.tickets.flatMap((t) => stepsOf(w, t, ids));
  steps.sort((a, b) => a.at - b.at);
  for (const s of steps) {
    w.setTime(s.at);
    try {
      await s.run();
    } catch (err) {
      throw new Error(`${s.what} at ${new Date(s.at).toISOString()}: ${(err as Error).message}`);
    }
  }
  return ids;
}

const sign = (w: GroundTruthWorld): SignOptions => ({ timestamp: Math.floor(w.clock.now().getTime() / 1000) });
/**
 * The id of a ticket a Slack listener stores after its ack, once stored (the
 * clock must not move before: the ticket is stamped with it). Slack's own key
 * for a message is its channel and ts.
 */
async function storedId(w: GroundTruthWorld, t: PlannedTicket): Promise<number> {
  const find = w.app.db.sqlite.prepare('SELECT id FROM tickets WHERE origin_channel_id = ? AND origin_ts = ?');
  let found: { id: number } | undefined;
  await w.until(() => (found = find.get(t.slack!.channel, t.slack!.ts) as { id: number } | undefined) !== undefined, `the ticket of ${t.tag}`);
  return found!.id;
}

/** The ticket's state, read only to know when a listener that works after Slack's ack is done. */
const rowReaders = new WeakMap<GroundTruthWorld, { get(id: number): unknown }>();
function row(w: GroundTruthWorld, id: number): { status: string; fr: number | null; rating: number | null } {
  let read = rowReaders.get(w);
  if (!read) rowReaders.set(w, (read = w.app.db.sqlite.prepare('SELECT status, first_response_at AS fr, rating FROM tickets WHERE id = ?')));
  return read.get(id) as { status: string; fr: number | null; rating: number | null };
}

function expectStatus(res: { status: number }, want: number, what: string): void {
  if (res.status !== want) throw new Error(`${what} answered ${res.status}, expected ${want}`);
}

function stepsOf(w: GroundTruthWorld, t: PlannedTicket, ids: TicketIds): Step[] {
  const id = () => ids.get(t.serial)!;
  const steps: Step[] = [{ at: t.createdAt, what: `create ${t.tag} (${t.door})`, run: () => createTicket(w, t, ids) }];
  if (t.api?.resendAt) {
    steps.push({ at: t.api.resendAt, what: `resend ${t.tag}`, run: async () => {
      const res = await postApiTicket(w, t);
      expectStatus(res, 200, 'a repeated POST /api/tickets');
      if (((await res.json()) as { id: number }).id !== id()) throw new Error('a repeated POST /api/tickets answered another id');
    } });
  }
  if (t.requesterReplyAt) {
    steps.push({ at: t.requesterReplyAt, what: `requester writes in ${t.tag}`, run: async () => {
      const s = t.slack!;
      expectStatus(await postEvent(w.app.slackTarget, messageEvent({ channel: s.channel, user: s.requester, text: 'any news?', thread_ts: s.ts }), sign(w)), 200, 'a requester reply');
    } });
  }
  if (t.response) {
    const r = t.response;
    steps.push({ at: r.at, what: `first response to ${t.tag}`, run: async () => {
      const [channel, thread] = r.where === 'origin' ? [t.slack!.channel, t.slack!.ts] : [channels.duty, (await w.card(t.tag)).ts];
      expectStatus(await postEvent(w.app.slackTarget, messageEvent({ channel, user: r.by, text: 'Looking into it', thread_ts: thread }), sign(w)), 200, 'a thread reply');
      await w.until(() => row(w, id()).fr !== null, `the first response of ${t.tag}`);
    } });
  }
  if (t.claim) {
    const c = t.claim;
    steps.push({ at: c.at, what: `claim ${t.tag}`, run: async () => {
      const card = await w.card(t.tag);
      const res = await postBlockAction(w.app.slackTarget, { action_id: 'ticket.claim', value: String(id()), user_id: c.by, channel_id: channels.duty, message_ts: card.ts, response_url: w.slack.responseUrl('claim') }, sign(w));
      expectStatus(res, 200, 'the Claim button');
      await w.until(() => row(w, id()).status === 'claimed', `the claim of ${t.tag}`);
    } });
  }
  if (t.reactionAt) {
    steps.push({ at: t.reactionAt, what: `:ticket: on the intake message of ${t.tag}`, run: async () => {
      const s = t.slack!;
      w.addHumanMessage({ channel: s.channel, ts: s.ts, text: t.text, user: s.requester });
      const event = reactionAddedEvent({ user: operators[0]!, reaction: 'ticket', channel: s.channel, ts: s.ts, item_user: s.requester });
      expectStatus(await postEvent(w.app.slackTarget, event, sign(w)), 200, 'a :ticket: reaction');
    } });
  }
  for (const r of [t.firstResolve, t.resolve]) {
    if (!r) continue;
    steps.push({ at: r.at, what: `resolve ${t.tag}`, run: async () => {
      const res = await postViewSubmission(w.app.slackTarget, {
        callback_id: 'ticket.resolve', user_id: r.by, private_metadata: JSON.stringify({ ticketId: id() }),
        values: { resolution: { value: { type: 'plain_text_input', value: 'Explained the workaround' } } },
      }, sign(w));
      expectStatus(res, 200, 'the resolve modal');
      if (res.body && typeof res.body === 'object' && 'errors' in res.body) throw new Error(`the resolve modal refused: ${JSON.stringify(res.body)}`);
      await w.until(() => row(w, id()).status === 'resolved', `the resolution of ${t.tag}`);
    } });
  }
  if (t.reopenAt) {
    steps.push({ at: t.reopenAt, what: `requester reopens ${t.tag}`, run: async () => {
      const s = t.slack!;
      expectStatus(await postEvent(w.app.slackTarget, messageEvent({ channel: s.channel, user: s.requester, text: 'It is back again', thread_ts: s.ts }), sign(w)), 200, 'a requester reply');
      await w.until(() => row(w, id()).status !== 'resolved', `the reopening of ${t.tag}`);
    } });
  }
  if (t.rating) {
    const value = t.rating.value;
    steps.push({ at: t.rating.at, what: `rate ${t.tag}`, run: async () => {
      if (t.slack) {
        const res = await postBlockAction(w.app.slackTarget, { action_id: `ticket.rate.${value}`, value: `${id()}:${value}`, user_id: t.slack.requester, channel_id: `D${t.slack.requester.slice(1)}`, response_url: w.slack.responseUrl('rate') }, sign(w));
        expectStatus(res, 200, 'a rating button');
      } else {
        const res = await fetch(await ratingLink(w, t), { method: 'POST', body: new URLSearchParams({ rating: String(value) }) });
        expectStatus(res, 200, 'the rating page');
      }
      await w.until(() => row(w, id()).rating === value, `the rating of ${t.tag}`);
    } });
  }
  for (const l of t.links) {
    const submit = async () => {
      const res = await postViewSubmission(w.app.slackTarget, {
        callback_id: 'feedback.link_issue', user_id: l.by, private_metadata: JSON.stringify({ ticketId: id() }),
        values: { issue: { 'feedback.issue_search': { type: 'external_select', selected_option: { text: { type: 'plain_text', text: w.issueKey(l.issue) }, value: w.issueChoice(l.issue) } } } },
      }, sign(w));
      expectStatus(res, 200, 'the link modal');
      const answer = res.body as { response_action?: string; view?: LinkView };
      if (answer.response_action !== 'update') throw new Error(`the link modal answered ${JSON.stringify(res.body)}`);
      openModals.set(`${id()}:${l.issue}`, answer.view!);
    };
    steps.push({ at: l.at, what: `link ${t.tag} to issue ${l.issue}`, run: submit });
    if (l.unlinkAt) steps.push({ at: l.unlinkAt, what: `unlink ${t.tag} from issue ${l.issue}`, run: () => unlink(w, id(), l.issue, l.by) });
    // A double click on Link: nothing changes the second time.
    if (l.twice) steps.push({ at: l.at + 1000, what: `link ${t.tag} to issue ${l.issue} again`, run: submit });
  }
  return steps;
}

/** The link modal as the app last showed it, per ticket and planned issue: it carries the Unlink buttons. */
interface LinkView {
  blocks: { block_id?: string; text?: { text?: string }; accessory?: { action_id?: string; value?: string } }[];
}
const openModals = new Map<string, LinkView>();

/** The modal's Unlink button next to the issue, as the operator clicks it. */
async function unlink(w: GroundTruthWorld, ticketId: number, issue: number, by: string): Promise<void> {
  const view = openModals.get(`${ticketId}:${issue}`);
  const key = w.issueKey(issue);
  const block = view?.blocks.find((b) => b.accessory?.action_id === 'feedback.unlink' && (b.text?.text ?? '').includes(`|${key}>`));
  if (!block) throw new Error(`no Unlink button for ${key} in the link modal`);
  const modal = { id: `V0LINK${ticketId}`, hash: 'h', type: 'modal', callback_id: 'feedback.link_issue', private_metadata: JSON.stringify({ ticketId }) };
  const res = await postBlockAction(w.app.slackTarget, { action_id: 'feedback.unlink', value: block.accessory!.value, block_id: block.block_id, user_id: by, view: modal }, sign(w));
  expectStatus(res, 200, 'the Unlink button');
  const [, issueId] = block.accessory!.value!.split(':').map(Number);
  const linked = w.app.db.sqlite.prepare('SELECT 1 FROM ticket_issue_links WHERE ticket_id = ? AND issue_id = ?');
  await w.until(() => linked.get(ticketId, issueId) === undefined, `the unlink of ${key} from ticket ${ticketId}`);
}

function postApiTicket(w: GroundTruthWorld, t: PlannedTicket): Promise<Response> {
  return fetch(`${w.app.url}/api/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${w.apiToken}` },
    body: JSON.stringify({ source: 'helpdesk', externalId: t.api!.externalId, customer: t.api!.customer, text: t.text }),
  });
}

async function createTicket(w: GroundTruthWorld, t: PlannedTicket, ids: TicketIds): Promise<void> {
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
    if (s.retry) expectStatus(await postEvent(w.app.slackTarget, event, { eventId, retryNum: 1, ...sign(w) }), 200, 'a redelivered intake message');
    return;
  }
  if (t.door === 'reaction') {
    // The message the operator reacts to, as Slack holds it.
    w.addHumanMessage({ channel: s.channel, ts: s.ts, text: t.text, user: s.requester });
    const event = reactionAddedEvent({ user: operator, reaction: 'ticket', channel: s.channel, ts: s.ts, item_user: s.requester });
    expectStatus(await postEvent(w.app.slackTarget, event, sign(w)), 200, 'a :ticket: reaction');
    ids.set(t.serial, await storedId(w, t));
    return;
  }
  const opened = w.slack.calls.length;
  const res = await postShortcut(w, { user: operator, channel: s.channel, message: { ts: s.ts, text: t.text, user: s.requester } });
  expectStatus(res, 200, 'the message shortcut');
  let view: { private_metadata: string } | undefined;
  await w.until(() => {
    view = w.slack.calls.slice(opened).find((c) => c.method === 'views.open' && String((c.args.view as { private_metadata?: string }).private_metadata).includes(s.ts))?.args.view as typeof view;
    return view !== undefined;
  }, `the create modal of ${t.tag}`);
  const values: Record<string, Record<string, unknown>> = {
    summary: { value: { type: 'plain_text_input', value: t.text } },
    priority: { value: { type: 'static_select', selected_option: { value: 'normal' } } },
    ...(s.customerField ? { customer: { value: { type: 'plain_text_input', value: s.customerField } } } : {}),
  };
  expectStatus(await postViewSubmission(w.app.slackTarget, { callback_id: 'ticket.create', user_id: operator, private_metadata: view!.private_metadata, values }, sign(w)), 200, 'the create modal');
  ids.set(t.serial, await storedId(w, t));
}

/** The single-use rating link the app posted in the card's thread for support to pass on. */
async function ratingLink(w: GroundTruthWorld, t: PlannedTicket): Promise<string> {
  const card = await w.card(t.tag);
  let link: string | undefined;
  await w.until(() => {
    const post = w.slack.state.messages.find((m) => m.thread_ts === card.ts && m.channel === channels.duty && /Rating link/.test(m.text ?? ''));
    link = /https:\/\/dutyloop\.example\.com(\/rate\/[\w.-]+)/.exec(post?.text ?? '')?.[1];
    return link !== undefined;
  }, `the rating link of ${t.tag}`);
  return `${w.app.url}${link}`;
}

/**
 * The message shortcut (fixture: interactivity/MessageShortcutPayload.json) with a
 * trigger issued on the fake Slack's clock, which moves with the planned days.
 */
async function postShortcut(w: GroundTruthWorld, input: { user: string; channel: string; message: { ts: string; text: string; user: string } }): Promise<Response> {
  const p = fixtureShape('interactivity/MessageShortcutPayload.json');
  Object.assign(p, {
    type: 'message_action', callback_id: 'create_duty_ticket', team: { id: 'T0TESTTEAM', domain: 'example' },
    user: { id: input.user, username: input.user.toLowerCase(), name: input.user.toLowerCase(), team_id: 'T0TESTTEAM' },
    channel: { id: input.channel, name: 'support' }, trigger_id: issueTriggerId(w.slack.now()), token: 'verification-token',
    message_ts: input.message.ts, message: { type: 'message', ...input.message }, response_url: w.slack.responseUrl('shortcut'),
  });
  delete p.enterprise;
  const body = new URLSearchParams({ payload: JSON.stringify(p) }).toString();
  const headers = { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(w.app.slackTarget.signingSecret, body, sign(w).timestamp) };
  return fetch(w.app.slackTarget.url, { method: 'POST', headers, body });
}
