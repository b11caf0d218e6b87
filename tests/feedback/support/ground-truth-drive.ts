/**
 * Plays a plan through the app's real doors, in time order, with the app's
 * clock set to each planned instant: POST /api/tickets, signed Slack events
 * (intake messages, the :ticket: reaction, thread replies), the message
 * shortcut and its modal, card buttons, the resolve and link modals'
 * submissions, the rating buttons and the public rating page.
 */
import {
  messageEvent,
  postBlockAction,
  postEvent,
  postViewSubmission,
  reactionAddedEvent,
} from '../../harness/slack-requests';
import {
  createTicket,
  expectStatus,
  keepLinkModal,
  postApiTicket,
  ratingLink,
  row,
  sign,
  unlink,
  type LinkView,
  type TicketIds,
} from './ground-truth-doors';
import { channels, operators, type Plan, type PlannedTicket } from './ground-truth-plan';
import type { GroundTruthWorld } from './ground-truth-world';

interface Step {
  at: number;
  what: string;
  run(): Promise<void>;
}

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

function stepsOf(w: GroundTruthWorld, t: PlannedTicket, ids: TicketIds): Step[] {
  const id = () => ids.get(t.serial)!;
  const steps: Step[] = [{ at: t.createdAt, what: `create ${t.tag} (${t.door})`, run: () => createTicket(w, t, ids) }];
  if (t.api?.resendAt) {
    steps.push({
      at: t.api.resendAt,
      what: `resend ${t.tag}`,
      run: async () => {
        const res = await postApiTicket(w, t);
        expectStatus(res, 200, 'a repeated POST /api/tickets');
        if (((await res.json()) as { id: number }).id !== id())
          throw new Error('a repeated POST /api/tickets answered another id');
      },
    });
  }
  if (t.requesterReplyAt) {
    steps.push({
      at: t.requesterReplyAt,
      what: `requester writes in ${t.tag}`,
      run: async () => {
        const s = t.slack!;
        expectStatus(
          await postEvent(
            w.app.slackTarget,
            messageEvent({ channel: s.channel, user: s.requester, text: 'any news?', thread_ts: s.ts }),
            sign(w),
          ),
          200,
          'a requester reply',
        );
      },
    });
  }
  if (t.response) {
    const r = t.response;
    steps.push({
      at: r.at,
      what: `first response to ${t.tag}`,
      run: async () => {
        const [channel, thread] =
          r.where === 'origin' ? [t.slack!.channel, t.slack!.ts] : [channels.duty, (await w.card(t.tag)).ts];
        expectStatus(
          await postEvent(
            w.app.slackTarget,
            messageEvent({ channel, user: r.by, text: 'Looking into it', thread_ts: thread }),
            sign(w),
          ),
          200,
          'a thread reply',
        );
        await w.until(async () => (await row(w, id())).fr !== null, `the first response of ${t.tag}`);
      },
    });
  }
  if (t.claim) {
    const c = t.claim;
    steps.push({
      at: c.at,
      what: `claim ${t.tag}`,
      run: async () => {
        const card = await w.card(t.tag);
        if (card.ticketId !== id()) throw new Error(`the card of ${t.tag} is for ticket ${card.ticketId}, not ${id()}`);
        const res = await postBlockAction(
          w.app.slackTarget,
          {
            action_id: 'ticket.claim',
            value: String(id()),
            user_id: c.by,
            channel_id: channels.duty,
            message_ts: card.ts,
            response_url: w.slack.responseUrl('claim'),
          },
          sign(w),
        );
        expectStatus(res, 200, 'the Claim button');
        await w.until(async () => (await row(w, id())).status === 'claimed', `the claim of ${t.tag}`);
      },
    });
  }
  if (t.reactionAt) {
    steps.push({
      at: t.reactionAt,
      what: `:ticket: on the intake message of ${t.tag}`,
      run: async () => {
        const s = t.slack!;
        w.addHumanMessage({ channel: s.channel, ts: s.ts, text: t.text, user: s.requester });
        const event = reactionAddedEvent({
          user: operators[0]!,
          reaction: 'ticket',
          channel: s.channel,
          ts: s.ts,
          item_user: s.requester,
        });
        expectStatus(await postEvent(w.app.slackTarget, event, sign(w)), 200, 'a :ticket: reaction');
      },
    });
  }
  for (const r of [t.firstResolve, t.resolve]) {
    if (!r) continue;
    steps.push({
      at: r.at,
      what: `resolve ${t.tag}`,
      run: async () => {
        const res = await postViewSubmission(
          w.app.slackTarget,
          {
            callback_id: 'ticket.resolve',
            user_id: r.by,
            private_metadata: JSON.stringify({ ticketId: id() }),
            values: { resolution: { value: { type: 'plain_text_input', value: 'Explained the workaround' } } },
          },
          sign(w),
        );
        expectStatus(res, 200, 'the resolve modal');
        if (res.body && typeof res.body === 'object' && 'errors' in res.body)
          throw new Error(`the resolve modal refused: ${JSON.stringify(res.body)}`);
        await w.until(async () => (await row(w, id())).status === 'resolved', `the resolution of ${t.tag}`);
      },
    });
  }
  if (t.reopenAt) {
    steps.push({
      at: t.reopenAt,
      what: `requester reopens ${t.tag}`,
      run: async () => {
        const s = t.slack!;
        expectStatus(
          await postEvent(
            w.app.slackTarget,
            messageEvent({ channel: s.channel, user: s.requester, text: 'It is back again', thread_ts: s.ts }),
            sign(w),
          ),
          200,
          'a requester reply',
        );
        await w.until(async () => (await row(w, id())).status !== 'resolved', `the reopening of ${t.tag}`);
      },
    });
  }
  if (t.rating) {
    const value = t.rating.value;
    steps.push({
      at: t.rating.at,
      what: `rate ${t.tag}`,
      run: async () => {
        if (t.slack) {
          const res = await postBlockAction(
            w.app.slackTarget,
            {
              action_id: `ticket.rate.${value}`,
              value: `${id()}:${value}`,
              user_id: t.slack.requester,
              channel_id: `D${t.slack.requester.slice(1)}`,
              response_url: w.slack.responseUrl('rate'),
            },
            sign(w),
          );
          expectStatus(res, 200, 'a rating button');
        } else {
          const res = await fetch(await ratingLink(w, t), {
            method: 'POST',
            body: new URLSearchParams({ rating: String(value) }),
          });
          expectStatus(res, 200, 'the rating page');
        }
        await w.until(async () => (await row(w, id())).rating === value, `the rating of ${t.tag}`);
      },
    });
  }
  for (const l of t.links) {
    const submit = async () => {
      const res = await postViewSubmission(
        w.app.slackTarget,
        {
          callback_id: 'feedback.link_issue',
          user_id: l.by,
          private_metadata: JSON.stringify({ ticketId: id() }),
          values: {
            issue: {
              'feedback.issue_search': {
                type: 'external_select',
                selected_option: {
                  text: { type: 'plain_text', text: w.issueKey(l.issue) },
                  value: w.issueChoice(l.issue),
                },
              },
            },
          },
        },
        sign(w),
      );
      expectStatus(res, 200, 'the link modal');
      const answer = res.body as { response_action?: string; view?: LinkView };
      if (answer.response_action !== 'update') throw new Error(`the link modal answered ${JSON.stringify(res.body)}`);
      keepLinkModal(w, id(), l.issue, answer.view!);
    };
    steps.push({ at: l.at, what: `link ${t.tag} to issue ${l.issue}`, run: submit });
    if (l.unlinkAt)
      steps.push({
        at: l.unlinkAt,
        what: `unlink ${t.tag} from issue ${l.issue}`,
        run: () => unlink(w, id(), l.issue, l.by),
      });
    // A double click on Link: nothing changes the second time.
    if (l.twice) steps.push({ at: l.at + 1000, what: `link ${t.tag} to issue ${l.issue} again`, run: submit });
  }
  return steps;
}
