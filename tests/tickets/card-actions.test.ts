import { afterEach, describe, expect, it } from 'vitest';
import { messageEvent, postBlockAction, postEvent, postViewSubmission } from '../harness/slack-requests';
import {
  count,
  dev,
  dutyChannel,
  intakeChannel,
  lead,
  postTicket,
  startTicketWorld,
  ticketRow,
  until,
  type TicketWorld,
} from './support/world';

let w: TicketWorld | undefined;
afterEach(async () => {
  w?.slack.assertNoUnexpectedCalls();
  await w?.stop();
  w = undefined;
});

const settle = async (w: TicketWorld) => {
  await new Promise((r) => setTimeout(r, 40));
  await w.app.rt.outbox.idle();
};
const lastCard = (w: TicketWorld) => JSON.stringify(w.slack.callsTo('chat.update').at(-1)?.blocks ?? []);

async function intakeTicket(w: TicketWorld): Promise<{ id: number; cardTs: string }> {
  await postEvent(
    w.app.slackTarget,
    messageEvent({
      channel: intakeChannel,
      user: 'U0CUSTOMER1',
      text: 'Cannot log in since this morning',
      ts: '1773136800.000100',
    }),
  );
  const row = await until(
    async () =>
      (
        await w.app.query<{ id: number; card_ts: string }>('SELECT id, card_ts FROM tickets WHERE card_ts IS NOT NULL')
      )[0],
  );
  return { id: row.id, cardTs: row.card_ts };
}

describe('card buttons', () => {
  it('Claim marks the card claimed; a second claim is told to the clicker and changes nothing', async () => {
    w = await startTicketWorld({ withTeam: true });
    const { id, cardTs } = await intakeTicket(w);
    await postBlockAction(w.app.slackTarget, {
      action_id: 'ticket.claim',
      value: String(id),
      user_id: dev,
      message_ts: cardTs,
      response_url: w.slack.responseUrl('c1'),
    });
    await until(async () => (await ticketRow(w!, id)).status === 'claimed');
    await settle(w);
    expect(lastCard(w)).toContain(`Claimed by <@${dev}>`);
    expect(lastCard(w)).not.toContain('ticket.claim');
    const updates = w.slack.callsTo('chat.update').length;
    await postBlockAction(w.app.slackTarget, {
      action_id: 'ticket.claim',
      value: String(id),
      user_id: lead,
      message_ts: cardTs,
      response_url: w.slack.responseUrl('c2'),
    });
    const reply = await w.slack.waitForResponse((r) => JSON.stringify(r.body).includes('already claimed'));
    expect(reply.body).toMatchObject({ response_type: 'ephemeral' });
    await settle(w);
    expect((await ticketRow(w, id)).claimed_by).toBe(dev);
    expect(w.slack.callsTo('chat.update')).toHaveLength(updates);
  });

  it('two Claim clicks at once: one wins, the other is told', async () => {
    w = await startTicketWorld({ withTeam: true });
    const { id } = await intakeTicket(w);
    await Promise.all(
      [dev, lead].map((u, i) =>
        postBlockAction(w!.app.slackTarget, {
          action_id: 'ticket.claim',
          value: String(id),
          user_id: u,
          response_url: w!.slack.responseUrl(`x${i}`),
        }),
      ),
    );
    await w.slack.waitForResponse((r) => JSON.stringify(r.body).includes('already claimed'));
    expect(await count(w, "SELECT count(*) n FROM ticket_events WHERE type = 'claimed'")).toBe(1);
  });

  it('a click on a deleted ticket says so and changes nothing', async () => {
    w = await startTicketWorld();
    await postBlockAction(w.app.slackTarget, {
      action_id: 'ticket.claim',
      value: '999',
      user_id: dev,
      response_url: w.slack.responseUrl('d1'),
    });
    const reply = await w.slack.waitForResponse();
    expect(JSON.stringify(reply.body)).toContain('no longer exists');
  });

  it('Resolve asks for a one-line resolution, anyone may resolve, and the card shows it; the requester writing again reopens', async () => {
    w = await startTicketWorld({ withTeam: true });
    const { id, cardTs } = await intakeTicket(w);
    // A support operator who is not on duty answers first and resolves.
    await postEvent(
      w.app.slackTarget,
      messageEvent({
        channel: dutyChannel,
        user: 'U0OPERATOR1',
        text: 'Reset your SSO session please',
        thread_ts: cardTs,
      }),
    );
    await until(async () => (await ticketRow(w!, id)).first_response_by === 'U0OPERATOR1');
    await postBlockAction(w.app.slackTarget, {
      action_id: 'ticket.resolve',
      value: String(id),
      user_id: 'U0OPERATOR1',
      message_ts: cardTs,
    });
    const opened = await w.slack.waitFor('views.open');
    const view = opened.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe('ticket.resolve');
    const empty = await postViewSubmission(w.app.slackTarget, {
      callback_id: 'ticket.resolve',
      user_id: 'U0OPERATOR1',
      private_metadata: view.private_metadata,
      values: { resolution: { value: { type: 'plain_text_input', value: ' ' } } },
    });
    expect(empty.body).toMatchObject({ response_action: 'errors' });
    await postViewSubmission(w.app.slackTarget, {
      callback_id: 'ticket.resolve',
      user_id: 'U0OPERATOR1',
      private_metadata: view.private_metadata,
      values: { resolution: { value: { type: 'plain_text_input', value: 'SSO session reset' } } },
    });
    await settle(w);
    expect(await ticketRow(w, id)).toMatchObject({
      status: 'resolved',
      resolved_by: 'U0OPERATOR1',
      resolution: 'SSO session reset',
    });
    expect(lastCard(w)).toContain('Resolved by <@U0OPERATOR1>: SSO session reset');
    // The requester's own reply in the card thread is no response; after resolution it reopens.
    await postEvent(
      w.app.slackTarget,
      messageEvent({
        channel: intakeChannel,
        user: 'U0CUSTOMER1',
        text: 'still broken',
        thread_ts: '1773136800.000100',
      }),
    );
    await until(async () => (await ticketRow(w!, id)).status !== 'resolved');
    await settle(w);
    expect(await ticketRow(w, id)).toMatchObject({ status: 'claimed', claimed_by: 'U0OPERATOR1', resolved_at: null });
    expect(lastCard(w)).toContain('reopened');
  });

  it('Escalate DMs the team lead and the escalation user at once, with the ticket', async () => {
    w = await startTicketWorld({ withTeam: true, file: { targets: { escalationUser: 'U0ESCALATE1' } } });
    const res = await postTicket(w, {
      externalId: 'E1',
      text: 'Production is down for Acme',
      customer: { company: 'Acme' },
    });
    const { id } = (await res.json()) as { id: number };
    await settle(w);
    await postBlockAction(w.app.slackTarget, {
      action_id: 'ticket.escalate',
      value: String(id),
      user_id: dev,
      response_url: w.slack.responseUrl('e1'),
    });
    await w.slack.waitForResponse((r) => JSON.stringify(r.body).includes('Escalated'));
    await settle(w);
    const dms = w.slack.callsTo('chat.postMessage').filter((p) => p.channel === lead || p.channel === 'U0ESCALATE1');
    expect(dms.map((d) => d.channel).sort()).toEqual([lead, 'U0ESCALATE1'].sort());
    for (const d of dms) expect(String(d.text)).toContain('Production is down for Acme');
  });
});

describe('response targets', () => {
  it('nudges the duty team at 80% and escalates to the lead at breach, once each, and stops once answered', async () => {
    w = await startTicketWorld({ withTeam: true });
    const { id, cardTs } = await intakeTicket(w);
    const run = async () => {
      await w!.app.rt.scheduler.runNow('tickets.targets');
      await settle(w!);
    };
    const threadPosts = () => w!.slack.callsTo('chat.postMessage').filter((p) => p.thread_ts === cardTs);
    const leadDms = () => w!.slack.callsTo('chat.postMessage').filter((p) => p.channel === lead);
    w.clock.advance(7 * 60_000);
    await run();
    expect(threadPosts()).toHaveLength(0);
    w.clock.advance(60_000 + 1);
    await run();
    await run();
    expect(threadPosts()).toHaveLength(1);
    expect(String(threadPosts()[0]!.text)).toContain(`<@${dev}>`);
    expect(leadDms()).toHaveLength(0);
    w.clock.advance(2 * 60_000);
    await run();
    await run();
    expect(leadDms()).toHaveLength(1);
    expect(String(leadDms()[0]!.text)).toContain(`#${id} missed its first response`);
    // Answered now: no more first-response reminders, whatever the clock says.
    await postEvent(
      w.app.slackTarget,
      messageEvent({ channel: dutyChannel, user: dev, text: 'looking', thread_ts: cardTs }),
      { timestamp: Math.floor(w.clock.now().getTime() / 1000) },
    );
    await until(async () => (await ticketRow(w!, id)).first_response_at !== null);
    w.clock.advance(60 * 60_000);
    await run();
    expect(leadDms()).toHaveLength(1);
  });
});
