import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureShape, messageEvent, postEvent, reactionAddedEvent } from '../harness/slack-requests';
import { dutyChannel, intakeChannel, startTicketWorld, until, type TicketWorld } from './support/world';

let w: TicketWorld | undefined;
let files: http.Server | undefined;
afterEach(async () => {
  w?.slack.assertNoUnexpectedCalls();
  await w?.stop();
  files?.closeAllConnections();
  await new Promise((r) => (files ? files.close(r) : r(undefined)));
  w = files = undefined;
});

const workflowBot = 'B0WORKFLOW1';
const formApp = 'A0HELPFORM1';
const ownBotId = 'B0DUTYLOOPBT';
const ownBotUser = 'U0DUTYLOOPBOT';

const tickets = (w: TicketWorld) => w.app.query<Record<string, any>>('SELECT * FROM tickets ORDER BY id');
const settle = async (w: TicketWorld) => {
  await new Promise((r) => setTimeout(r, 60));
  await w.app.rt.outbox.idle();
};
const cards = (w: TicketWorld) =>
  w.slack.callsTo('chat.postMessage').filter((p) => p.channel === dutyChannel && !p.thread_ts);

/** A file server standing in for files.slack.com: any hit means dutyloop downloaded a file. */
async function startFileHost(): Promise<{ origin: string; hits: string[] }> {
  const hits: string[] = [];
  files = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    res.end('PNG');
  });
  await new Promise<void>((r) => files!.listen(0, '127.0.0.1', r));
  return { origin: `http://127.0.0.1:${(files.address() as AddressInfo).port}`, hits };
}

/** One entry of a message's `files`, in the shape Slack sends (fixture: the shortcut payload's message.files). */
function slackFile(input: { id: string; name: string; permalink: string; privateOrigin: string }): Record<string, any> {
  const shape = fixtureShape('interactivity/MessageShortcutPayload.json').message.files[0];
  return {
    ...shape,
    id: input.id,
    name: input.name,
    title: input.name,
    mimetype: 'image/png',
    filetype: 'png',
    pretty_type: 'PNG',
    mode: 'hosted',
    size: 48213,
    url_private: `${input.privateOrigin}/files-pri/T0TESTTEAM-${input.id}/${encodeURIComponent(input.name)}`,
    url_private_download: `${input.privateOrigin}/files-pri/T0TESTTEAM-${input.id}/download/${encodeURIComponent(input.name)}`,
    permalink: input.permalink,
    permalink_public: '',
    shares: {},
  };
}

function fileShare(input: {
  user: string;
  text: string;
  files: Record<string, any>[];
  ts?: string;
  thread_ts?: string;
  channel?: string;
}): Record<string, any> {
  return {
    ...messageEvent({
      channel: input.channel ?? intakeChannel,
      user: input.user,
      text: input.text,
      ts: input.ts,
      thread_ts: input.thread_ts,
    }),
    subtype: 'file_share',
    upload: false,
    display_as_bot: false,
    files: input.files,
  };
}

/** A message posted by a workflow or another app (fixture: MessagePayload's bot_id and bot_profile). */
function botMessage(input: {
  botId: string;
  appId: string;
  text: string;
  subtype?: 'bot_message';
  user?: string;
}): Record<string, any> {
  const shape = fixtureShape('events/MessagePayload.json').event;
  const e = messageEvent({ channel: intakeChannel, user: input.user ?? '', text: input.text });
  if (!input.user) delete e.user;
  delete e.client_msg_id;
  return {
    ...e,
    ...(input.subtype ? { subtype: input.subtype, username: 'Support form' } : {}),
    bot_id: input.botId,
    bot_profile: {
      ...shape.bot_profile,
      id: input.botId,
      app_id: input.appId,
      name: 'Support form',
      team_id: 'T0TESTTEAM',
      deleted: false,
    },
  };
}

describe('a message with files', () => {
  it('becomes a ticket whose card lists each file by name with its permalink; nothing is downloaded; names cannot ping', async () => {
    const host = await startFileHost();
    w = await startTicketWorld();
    const shot = slackFile({
      id: 'F0SHOT0001',
      name: 'checkout-error.png',
      permalink: 'https://example.slack.com/files/U0CUSTOMER1/F0SHOT0001/checkout-error.png',
      privateOrigin: host.origin,
    });
    const evil = slackFile({
      id: 'F0EVIL0001',
      name: '<!channel> invoice.pdf',
      permalink: 'javascript:alert(1)',
      privateOrigin: host.origin,
    });
    await postEvent(
      w.app.slackTarget,
      fileShare({
        user: 'U0CUSTOMER1',
        text: 'Checkout fails, screenshot attached',
        files: [shot, evil],
        ts: '1773136800.000100',
      }),
    );
    await until(() => cards(w!).length === 1);
    await settle(w);
    expect(await tickets(w)).toHaveLength(1);
    expect((await tickets(w))[0]).toMatchObject({
      source: 'intake',
      text: 'Checkout fails, screenshot attached',
      requester_slack_id: 'U0CUSTOMER1',
    });
    const blocks = JSON.stringify(cards(w)[0]!.blocks);
    expect(blocks).toContain(
      '<https://example.slack.com/files/U0CUSTOMER1/F0SHOT0001/checkout-error.png|checkout-error.png>',
    );
    expect(blocks).toContain('&lt;!channel&gt; invoice.pdf');
    expect(blocks).not.toContain('javascript:');
    expect(blocks).not.toContain('files-pri');
    expect(host.hits).toEqual([]);
    // The requester is thanked in their thread, as for any message.
    expect(
      w.slack
        .callsTo('chat.postMessage')
        .filter((p) => p.channel === intakeChannel && p.thread_ts === '1773136800.000100'),
    ).toHaveLength(1);
  });

  it('a bare upload with no text is a ticket named by its file', async () => {
    const host = await startFileHost();
    w = await startTicketWorld();
    const shot = slackFile({
      id: 'F0SHOT0002',
      name: 'blank-page.png',
      permalink: 'https://example.slack.com/files/U0CUSTOMER2/F0SHOT0002/blank-page.png',
      privateOrigin: host.origin,
    });
    await postEvent(w.app.slackTarget, fileShare({ user: 'U0CUSTOMER2', text: '', files: [shot] }));
    await until(() => cards(w!).length === 1);
    expect((await tickets(w))[0]).toMatchObject({
      text: 'Shared a file: blank-page.png',
      requester_slack_id: 'U0CUSTOMER2',
    });
  });

  it('a reply with a screenshot in the card thread counts as the first response', async () => {
    const host = await startFileHost();
    w = await startTicketWorld();
    await postEvent(
      w.app.slackTarget,
      messageEvent({ channel: intakeChannel, user: 'U0CUSTOMER1', text: 'Export is blank' }),
    );
    const card = await until(async () => (await tickets(w!))[0]?.card_ts as string | undefined);
    const shot = slackFile({
      id: 'F0SHOT0003',
      name: 'works-here.png',
      permalink: 'https://example.slack.com/files/U0DEV000001/F0SHOT0003/works-here.png',
      privateOrigin: host.origin,
    });
    await postEvent(
      w.app.slackTarget,
      fileShare({
        channel: dutyChannel,
        user: 'U0DEV000001',
        text: 'Works for me, see',
        files: [shot],
        thread_ts: card,
      }),
    );
    await until(async () => (await tickets(w!))[0]!.first_response_by === 'U0DEV000001');
    expect(await tickets(w)).toHaveLength(1);
  });
});

describe('messages from bots and workflows', () => {
  it("make tickets only when intake.acceptBots names the bot or app; dutyloop's own never", async () => {
    w = await startTicketWorld({
      file: { intake: { channels: [intakeChannel], acceptBots: [workflowBot, formApp, ownBotId, 'A0TESTAPP'] } },
    });
    await postEvent(
      w.app.slackTarget,
      botMessage({
        botId: workflowBot,
        appId: 'A0WORKFLOWS',
        subtype: 'bot_message',
        text: 'New request from the support workflow: refund for order 1182',
      }),
    );
    await postEvent(
      w.app.slackTarget,
      botMessage({ botId: 'B0FORMBOT01', appId: formApp, user: 'U0FORMBOTUS', text: 'Form: the app crashes on login' }),
    );
    await postEvent(
      w.app.slackTarget,
      botMessage({ botId: 'B0RANDOMBOT', appId: 'A0RANDOMAPP', subtype: 'bot_message', text: 'Deploy finished' }),
    );
    await postEvent(
      w.app.slackTarget,
      botMessage({ botId: 'B0RANDOMBOT', appId: 'A0RANDOMAPP', user: 'U0RANDOMBOT', text: 'Nightly report' }),
    );
    // dutyloop's own posts, even with its ids listed: by bot id, by bot user, by app id.
    await postEvent(
      w.app.slackTarget,
      botMessage({ botId: ownBotId, appId: 'A0OTHERAPP1', subtype: 'bot_message', text: 'Thanks — this is ticket #1' }),
    );
    await postEvent(
      w.app.slackTarget,
      botMessage({ botId: 'B0ALIAS0001', appId: 'A0TESTAPP', user: ownBotUser, text: 'Ticket #1: hello' }),
    );
    await until(() => cards(w!).length === 2);
    await settle(w);
    // Listeners run after the ack, side by side: on PostgreSQL the two tickets may take their ids in either order.
    expect((await tickets(w)).map((t) => [t.text, t.requester_slack_id]).sort()).toEqual([
      ['Form: the app crashes on login', null],
      ['New request from the support workflow: refund for order 1182', null],
    ]);
  });

  it('a bot id that is not a Slack id in acceptBots stops start-up with the reason', async () => {
    await expect(
      startTicketWorld({ file: { intake: { channels: [intakeChannel], acceptBots: ['workflow'] } } }),
    ).rejects.toThrow(/acceptBots.*bot id \(B…\) or app id \(A…\)/s);
  });
});

describe('edits, deletions and broadcast copies', () => {
  it('a request with a screenshot, then its edit, a deletion, a broadcast copy and a join: one ticket (shapes from MessageChangedPayload, MessageDeletedPayload)', async () => {
    const host = await startFileHost();
    w = await startTicketWorld();
    const shot = slackFile({
      id: 'F0SHOT0005',
      name: 'vat.png',
      permalink: 'https://example.slack.com/files/U0CUSTOMER1/F0SHOT0005/vat.png',
      privateOrigin: host.origin,
    });
    await postEvent(
      w.app.slackTarget,
      fileShare({ user: 'U0CUSTOMER1', text: 'Invoices show the wrong VAT', files: [shot], ts: '1773136800.000100' }),
    );
    await until(() => cards(w!).length === 1);
    const changed = fixtureShape('events/MessageChangedPayload.json').event;
    Object.assign(changed, {
      channel: intakeChannel,
      subtype: 'message_changed',
      hidden: true,
      ts: '1773136900.000300',
      event_ts: '1773136900.000300',
      channel_type: 'channel',
      message: {
        ...changed.message,
        type: 'message',
        subtype: undefined,
        user: 'U0CUSTOMER1',
        text: 'Invoices show the wrong VAT (edited)',
        ts: '1773136800.000100',
        bot_id: undefined,
        bot_profile: undefined,
        thread_ts: undefined,
        edited: { user: 'U0CUSTOMER1', ts: '1773136900.000000' },
      },
      previous_message: {
        ...changed.previous_message,
        type: 'message',
        user: 'U0CUSTOMER1',
        text: 'Invoices show the wrong VAT',
        ts: '1773136800.000100',
      },
    });
    const deleted = fixtureShape('events/MessageDeletedPayload.json').event;
    Object.assign(deleted, {
      channel: intakeChannel,
      subtype: 'message_deleted',
      hidden: true,
      deleted_ts: '1773136800.000200',
      ts: '1773136901.000100',
      event_ts: '1773136901.000100',
      channel_type: 'channel',
      previous_message: {
        ...deleted.previous_message,
        type: 'message',
        user: 'U0CUSTOMER1',
        text: 'never mind',
        ts: '1773136800.000200',
      },
    });
    const broadcast = {
      ...messageEvent({
        channel: intakeChannel,
        user: 'U0CUSTOMER1',
        text: 'also: it happens on mobile',
        thread_ts: '1773136700.000100',
        ts: '1773136902.000100',
      }),
      subtype: 'thread_broadcast',
      root: { type: 'message', user: 'U0CUSTOMER1', text: 'root', ts: '1773136700.000100' },
    };
    const joined = {
      ...messageEvent({ channel: intakeChannel, user: 'U0NEWBIE001', text: '<@U0NEWBIE001> has joined the channel' }),
      subtype: 'channel_join',
    };
    for (const e of [changed, deleted, broadcast, joined])
      expect((await postEvent(w.app.slackTarget, e)).status).toBe(200);
    await settle(w);
    expect((await tickets(w)).map((t) => t.text)).toEqual(['Invoices show the wrong VAT']);
    expect(cards(w)).toHaveLength(1);
    expect(w.slack.callsTo('chat.postMessage').filter((p) => p.channel === intakeChannel)).toHaveLength(1);
  });
});

describe('the :ticket: reaction reads the message by the same rules', () => {
  it('a reaction on a message with files lists them; on a dutyloop card or an unlisted bot it makes nothing', async () => {
    const host = await startFileHost();
    w = await startTicketWorld();
    const shot = slackFile({
      id: 'F0SHOT0004',
      name: 'sso-loop.mp4',
      permalink: 'https://example.slack.com/files/U0CUSTOMER2/F0SHOT0004/sso-loop.mp4',
      privateOrigin: host.origin,
    });
    const history: Record<string, Record<string, any>> = {
      '1773137000.000100': {
        type: 'message',
        subtype: 'file_share',
        user: 'U0CUSTOMER2',
        text: 'SSO login loops, video attached',
        ts: '1773137000.000100',
        files: [shot],
        upload: false,
      },
      '1773137000.000200': {
        type: 'message',
        subtype: 'bot_message',
        bot_id: ownBotId,
        user: ownBotUser,
        text: 'Ticket #9: hello',
        ts: '1773137000.000200',
        bot_profile: { id: ownBotId, app_id: 'A0TESTAPP' },
      },
      '1773137000.000300': {
        type: 'message',
        subtype: 'bot_message',
        bot_id: 'B0RANDOMBOT',
        username: 'CI',
        text: 'Build failed',
        ts: '1773137000.000300',
      },
    };
    w.slack.allow('conversations.history', (a) => ({
      ok: true,
      messages: history[String(a.latest)] ? [history[String(a.latest)]] : [],
      has_more: false,
    }));
    for (const [ts, m] of Object.entries(history)) {
      await postEvent(
        w.app.slackTarget,
        reactionAddedEvent({
          user: 'U0OPERATOR1',
          reaction: 'ticket',
          channel: 'C0GENERAL01',
          ts,
          item_user: m.user ?? '',
        }),
      );
    }
    await until(() => cards(w!).length === 1);
    await settle(w);
    expect(await tickets(w)).toHaveLength(1);
    expect((await tickets(w))[0]).toMatchObject({
      source: 'reaction',
      text: 'SSO login loops, video attached',
      requester_slack_id: 'U0CUSTOMER2',
    });
    expect(JSON.stringify(cards(w)[0]!.blocks)).toContain('|sso-loop.mp4>');
    expect(host.hits).toEqual([]);
  });
});
