import { afterEach, describe, expect, it } from 'vitest';
import {
  messageEvent,
  postEvent,
  postMessageShortcut,
  postSlashCommand,
  postViewSubmission,
  reactionAddedEvent,
} from '../harness/slack-requests';
import { count, dutyChannel, intakeChannel, startTicketWorld, until, type TicketWorld } from './support/world';

let w: TicketWorld | undefined;
afterEach(async () => {
  w?.slack.assertNoUnexpectedCalls();
  await w?.stop();
  w = undefined;
});

const tickets = (w: TicketWorld) => w.app.query<Record<string, any>>('SELECT * FROM tickets ORDER BY id');
const settle = async (w: TicketWorld) => {
  await new Promise((r) => setTimeout(r, 50));
  await w.app.rt.outbox.idle();
};

describe('a message in an intake channel', () => {
  it('becomes one ticket with a card and a reply in the requester thread; Slack retries change nothing', async () => {
    w = await startTicketWorld();
    const ev = messageEvent({
      channel: intakeChannel,
      user: 'U0CUSTOMER1',
      text: 'Our invoices show the wrong VAT',
      ts: '1773136800.000100',
    });
    expect((await postEvent(w.app.slackTarget, ev, { eventId: 'Ev001' })).status).toBe(200);
    await until(async () => (await tickets(w!)).length === 1);
    await postEvent(w.app.slackTarget, ev, { eventId: 'Ev001', retryNum: 1 });
    await postEvent(w.app.slackTarget, ev, { eventId: 'Ev001', retryNum: 2 });
    await settle(w);
    const [t] = await tickets(w);
    expect(await tickets(w)).toHaveLength(1);
    expect(t).toMatchObject({
      source: 'intake',
      requester_slack_id: 'U0CUSTOMER1',
      origin_channel_id: intakeChannel,
      text: 'Our invoices show the wrong VAT',
    });
    const posts = w.slack.callsTo('chat.postMessage');
    expect(posts.filter((p) => p.channel === dutyChannel)).toHaveLength(1);
    const reply = posts.filter((p) => p.channel === intakeChannel);
    expect(reply).toHaveLength(1);
    expect(reply[0]).toMatchObject({ thread_ts: '1773136800.000100' });
    expect(String(reply[0]!.text)).toContain(`<#${dutyChannel}>`);
  });

  it('bot messages, thread replies, edits and other channels make no ticket', async () => {
    w = await startTicketWorld();
    await postEvent(
      w.app.slackTarget,
      messageEvent({ channel: intakeChannel, user: 'U0BOTUSER01', text: 'deploy done', bot_id: 'B01' }),
    );
    await postEvent(
      w.app.slackTarget,
      messageEvent({ channel: intakeChannel, user: 'U0CUSTOMER1', text: 'more info', thread_ts: '1773136800.000100' }),
    );
    await postEvent(
      w.app.slackTarget,
      messageEvent({ channel: intakeChannel, user: 'U0CUSTOMER1', text: 'edited', subtype: 'message_changed' }),
    );
    await postEvent(
      w.app.slackTarget,
      messageEvent({ channel: 'C0RANDOM001', user: 'U0CUSTOMER1', text: 'hello all' }),
    );
    await settle(w);
    expect(await tickets(w)).toHaveLength(0);
    expect(w.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });
});

describe('the :ticket: reaction', () => {
  it('makes a ticket with the message text and permalink; a second reaction makes no second ticket', async () => {
    w = await startTicketWorld();
    w.slack.allow('conversations.history', () => ({
      ok: true,
      messages: [{ type: 'message', user: 'U0CUSTOMER2', text: 'SSO login loops forever', ts: '1773136900.000200' }],
      has_more: false,
    }));
    const r = (user: string) =>
      reactionAddedEvent({
        user,
        reaction: 'ticket',
        channel: 'C0GENERAL01',
        ts: '1773136900.000200',
        item_user: 'U0CUSTOMER2',
      });
    await postEvent(w.app.slackTarget, r('U0OPERATOR1'));
    await until(async () => (await tickets(w!)).length === 1);
    await postEvent(w.app.slackTarget, r('U0OPERATOR2'));
    await postEvent(
      w.app.slackTarget,
      reactionAddedEvent({
        user: 'U0OPERATOR1',
        reaction: 'thumbsup',
        channel: 'C0GENERAL01',
        ts: '1773136900.000300',
      }),
    );
    await settle(w);
    expect(await tickets(w)).toHaveLength(1);
    expect((await tickets(w))[0]).toMatchObject({
      source: 'reaction',
      text: 'SSO login loops forever',
      requester_slack_id: 'U0CUSTOMER2',
      created_by: 'U0OPERATOR1',
    });
    expect((await tickets(w))[0]!.permalink).toMatch(/^https:\/\/.*p1773136900000200$/);
    const card = w.slack.callsTo('chat.postMessage').filter((p) => p.channel === dutyChannel);
    expect(card).toHaveLength(1);
    expect(JSON.stringify(card[0]!.blocks)).toContain('p1773136900000200');
  });

  it('a reaction on a message that already came in through the intake channel adds nothing', async () => {
    w = await startTicketWorld();
    await postEvent(
      w.app.slackTarget,
      messageEvent({ channel: intakeChannel, user: 'U0CUSTOMER1', text: 'help', ts: '1773136800.000500' }),
    );
    await until(async () => (await tickets(w!)).length === 1);
    w.slack.allow('conversations.history', () => ({
      ok: true,
      messages: [{ type: 'message', user: 'U0CUSTOMER1', text: 'help', ts: '1773136800.000500' }],
    }));
    await postEvent(
      w.app.slackTarget,
      reactionAddedEvent({ user: 'U0OPERATOR1', reaction: 'ticket', channel: intakeChannel, ts: '1773136800.000500' }),
    );
    await settle(w);
    expect(await count(w, 'SELECT count(*) n FROM tickets')).toBe(1);
  });
});

describe('the create modal', () => {
  it('the message shortcut opens a prefilled modal; submitting makes one ticket even when submitted twice', async () => {
    w = await startTicketWorld();
    const res = await postMessageShortcut(w.app.slackTarget, {
      callback_id: 'create_duty_ticket',
      user_id: 'U0OPERATOR1',
      channel_id: 'C0SUPPORT01',
      message: { ts: '1773137000.000100', text: 'Export to PDF is blank', user: 'U0CUSTOMER3' },
    });
    expect(res.status).toBe(200);
    const opened = await w.slack.waitFor('views.open');
    const view = opened.view as {
      callback_id: string;
      private_metadata: string;
      blocks: { block_id: string; element: { initial_value?: string } }[];
    };
    expect(view.callback_id).toBe('ticket.create');
    expect(view.blocks.find((b) => b.block_id === 'summary')!.element.initial_value).toBe('Export to PDF is blank');
    const submit = () =>
      postViewSubmission(w!.app.slackTarget, {
        callback_id: 'ticket.create',
        user_id: 'U0OPERATOR1',
        private_metadata: view.private_metadata,
        values: {
          summary: { value: { type: 'plain_text_input', value: 'Export to PDF is blank' } },
          customer: { value: { type: 'plain_text_input', value: 'Kim (Acme GmbH)' } },
          priority: { value: { type: 'static_select', selected_option: { value: 'high' } } },
        },
      });
    await Promise.all([submit(), submit()]);
    await settle(w);
    expect(await tickets(w)).toHaveLength(1);
    expect((await tickets(w))[0]).toMatchObject({
      source: 'shortcut',
      priority: 'high',
      requester_slack_id: 'U0CUSTOMER3',
      customer_key: 'company:acme gmbh',
      created_by: 'U0OPERATOR1',
    });
  });

  it('/duty ticket opens the same modal; an empty summary is refused in the modal and stores nothing', async () => {
    w = await startTicketWorld();
    await postSlashCommand(w.app.slackTarget, {
      text: 'ticket Billing page crashes',
      user_id: 'U0OPERATOR1',
      response_url: w.slack.responseUrl('r1'),
    });
    const opened = await w.slack.waitFor('views.open');
    const view = opened.view as { private_metadata: string };
    const empty = await postViewSubmission(w.app.slackTarget, {
      callback_id: 'ticket.create',
      private_metadata: view.private_metadata,
      values: {
        summary: { value: { type: 'plain_text_input', value: '  ' } },
        priority: { value: { type: 'static_select', selected_option: { value: 'normal' } } },
      },
    });
    expect(empty.body).toMatchObject({ response_action: 'errors', errors: { summary: expect.any(String) } });
    expect(await tickets(w)).toHaveLength(0);
    await postViewSubmission(w.app.slackTarget, {
      callback_id: 'ticket.create',
      private_metadata: view.private_metadata,
      values: {
        summary: { value: { type: 'plain_text_input', value: 'Billing page crashes' } },
        customer: { value: { type: 'plain_text_input', value: 'ops@acme.io' } },
        priority: { value: { type: 'static_select', selected_option: { value: 'urgent' } } },
      },
    });
    await settle(w);
    expect(await tickets(w)).toHaveLength(1);
    expect((await tickets(w))[0]).toMatchObject({
      source: 'command',
      priority: 'urgent',
      customer_key: 'email:ops@acme.io',
      text: 'Billing page crashes',
    });
    expect(w.slack.callsTo('chat.postMessage').filter((p) => p.channel === dutyChannel)).toHaveLength(1);
  });
});
