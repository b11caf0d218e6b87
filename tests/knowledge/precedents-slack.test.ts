import fs from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { postBlockAction, postSlashCommand, postViewSubmission } from '../harness/slack-requests';
import {
  dev,
  dutyChannel,
  lead,
  postTicket,
  startTicketWorld,
  ticketRow,
  until,
  type TicketWorld,
} from '../tickets/support/world';

let w: TicketWorld | undefined;
let runbooks: string | undefined;
afterEach(async () => {
  w?.slack.assertNoUnexpectedCalls();
  await w?.stop();
  if (runbooks) fs.rmSync(runbooks, { recursive: true, force: true });
  w = runbooks = undefined;
});

const billingRunbook = `# Billing runbook

## Invoice PDF is empty or will not download
Open billing admin, find the invoice and press Regenerate PDF.
A broken logo link in the template makes the download fail with error 500.

## Card declined
Ask the customer to check with their bank; we never see the reason.
`;

/** The duty world with its own runbooks folder (one billing runbook), so what matches does not depend on the shipped examples. */
async function startWorld(): Promise<TicketWorld> {
  runbooks = fs.mkdtempSync(path.join(tmpdir(), 'dutyloop-runbooks-'));
  fs.writeFileSync(path.join(runbooks, 'billing.md'), billingRunbook);
  return startTicketWorld({ withTeam: true, file: { knowledge: { runbooks } } });
}

const settle = async (w: TicketWorld) => {
  await new Promise((r) => setTimeout(r, 40));
  await w.app.rt.outbox.idle();
};

const invoiceResolution = 'Regenerated the invoice PDF from billing admin; the template had a broken logo link';

/** A ticket through POST /api/tickets, once its card is in the duty channel. */
async function newTicket(
  w: TicketWorld,
  externalId: string,
  subject: string,
  text: string,
): Promise<{ id: number; cardTs: string }> {
  const res = await postTicket(w, {
    source: 'helpdesk',
    externalId,
    customer: { email: `${externalId}@customer.test` },
    subject,
    text,
  });
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: number };
  const row = await until(async () => ((await ticketRow(w, id)).card_ts ? await ticketRow(w, id) : undefined));
  return { id, cardTs: row.card_ts! };
}

/** Resolve through the card's button and the resolution modal, as a person does. */
async function resolveFromCard(
  w: TicketWorld,
  t: { id: number; cardTs: string },
  user: string,
  resolution: string,
): Promise<void> {
  const opened = w.slack.callsTo('views.open').length;
  await postBlockAction(w.app.slackTarget, {
    action_id: 'ticket.resolve',
    value: String(t.id),
    user_id: user,
    message_ts: t.cardTs,
  });
  await until(async () => w.slack.callsTo('views.open').length > opened);
  const view = w.slack.callsTo('views.open').at(-1)!.view as { private_metadata: string };
  await postViewSubmission(w.app.slackTarget, {
    callback_id: 'ticket.resolve',
    user_id: user,
    private_metadata: view.private_metadata,
    values: { resolution: { value: { type: 'plain_text_input', value: resolution } } },
  });
  await until(async () => (await ticketRow(w, t.id)).status === 'resolved');
}

const threadReplies = (w: TicketWorld, cardTs: string) =>
  w.slack.state.messages.filter((m) => m.channel === dutyChannel && m.thread_ts === cardTs);
/** The search jobs ('ticket.precedents') or the thread reply's ('ticket.precedents.post') of a ticket, oldest first. */
const precedentJobs = async (w: TicketWorld, ticketId: number, kind = 'ticket.precedents') =>
  (
    await w.app.query<{ id: number; status: string; lane: string; payload: string }>(
      'SELECT * FROM outbox WHERE kind = ? ORDER BY id',
      kind,
    )
  ).filter((job) => (JSON.parse(job.payload) as { ticketId?: number }).ticketId === ticketId);
/** The first of them. */
const precedentJob = async (w: TicketWorld, ticketId: number, kind = 'ticket.precedents') =>
  (await precedentJobs(w, ticketId, kind))[0];
const suggestions = (w: TicketWorld, ticketId: number) =>
  w.app.query<{
    id: number;
    kind: string;
    ref: string;
    verdict: string | null;
    verdict_by: string | null;
  }>('SELECT * FROM precedent_suggestions WHERE ticket_id = ? ORDER BY rank', ticketId);

/** A resolved invoice ticket, then a new one in other words whose card gets the precedent in its thread. */
async function invoiceStory(w: TicketWorld) {
  const old = await newTicket(
    w,
    'inv-1',
    'Invoice PDF will not download',
    'When I click download on my invoice the PDF is empty and the browser shows error 500.',
  );
  await resolveFromCard(w, old, dev, invoiceResolution);
  await settle(w);
  const fresh = await newTicket(
    w,
    'inv-2',
    'Cannot download invoices',
    'Downloading the PDF of last month’s invoice gives an error 500, the file comes out empty',
  );
  await until(async () => threadReplies(w, fresh.cardTs).length > 0);
  const [reply] = threadReplies(w, fresh.cardTs);
  return { old, fresh, reply: reply! };
}

describe('precedents in a new ticket’s thread', () => {
  it('a ticket like one resolved before gets the precedent in its card’s thread: number, summary, resolution, who, when, card link and two buttons', async () => {
    w = await startWorld();
    const { old, fresh, reply } = await invoiceStory(w);
    const blocks = JSON.stringify(reply.blocks);
    expect(blocks).toContain(`#${old.id}`);
    expect(blocks).toContain('Invoice PDF will not download');
    expect(blocks).toContain(invoiceResolution);
    expect(blocks).toContain(`Resolved by <@${dev}>`);
    expect(blocks).toMatch(/<!date\^\d+\^\{date_short\}\|\d{4}-\d{2}-\d{2}>/);
    expect(blocks).toContain(`https://slack.com/archives/${dutyChannel}/p${old.cardTs.replace('.', '')}`);
    expect(blocks).toContain('"action_id":"precedent.helped"');
    expect(blocks).toContain('"action_id":"precedent.unrelated"');
    expect(reply.text).toContain(`#${old.id}`);
    // The runbook section that matches, shown the same way (title and heading, its first lines).
    expect(blocks).toContain('Billing runbook');
    expect(blocks).toContain('Invoice PDF is empty or will not download');
    expect(blocks).toContain('press Regenerate PDF');
    expect(await suggestions(w, fresh.id)).toMatchObject([
      { kind: 'ticket', ref: String(old.id), verdict: null },
      { kind: 'runbook', verdict: null },
    ]);
  });

  it('"This helped" is recorded and shown on the thread message; the same click again changes nothing; resolving the ticket names the precedent', async () => {
    w = await startWorld();
    const { old, fresh, reply } = await invoiceStory(w);
    const [s] = await suggestions(w, fresh.id);
    const click = (user: string, action = 'precedent.helped') =>
      postBlockAction(w!.app.slackTarget, {
        action_id: action,
        value: String(s!.id),
        user_id: user,
        message_ts: reply.ts,
        channel_id: dutyChannel,
        response_url: w!.slack.responseUrl(`v-${user}-${action}`),
      });
    const updatesOfReply = () => w!.slack.callsTo('chat.update').filter((u) => u.ts === reply.ts);

    expect((await click(lead)).status).toBe(200);
    await until(async () => updatesOfReply().length === 1);
    expect((await suggestions(w, fresh.id))[0]).toMatchObject({ verdict: 'helped', verdict_by: lead });
    expect(JSON.stringify(updatesOfReply()[0]!.blocks)).toContain(`Helped — marked by <@${lead}>`);

    await click(lead);
    await settle(w);
    expect(updatesOfReply()).toHaveLength(1);

    // Changing one's mind is allowed; the message says the latest verdict.
    await click(lead, 'precedent.unrelated');
    await until(async () => updatesOfReply().length === 2);
    expect(JSON.stringify(updatesOfReply()[1]!.blocks)).toContain(`Not related — marked by <@${lead}>`);
    await click(dev);
    await until(async () => updatesOfReply().length === 3);
    expect((await suggestions(w, fresh.id))[0]).toMatchObject({ verdict: 'helped', verdict_by: dev });

    await resolveFromCard(w, fresh, dev, 'Same fix: regenerated the PDF');
    await settle(w);
    const card = w.slack
      .callsTo('chat.update')
      .filter((u) => u.ts === fresh.cardTs)
      .at(-1)!;
    expect(JSON.stringify(card.blocks)).toContain(`Resolved with the help of #${old.id}`);
    // The old ticket's card says nothing of the sort.
    const oldCard = w.slack
      .callsTo('chat.update')
      .filter((u) => u.ts === old.cardTs)
      .at(-1)!;
    expect(JSON.stringify(oldCard.blocks)).not.toContain('with the help of');
  });

  it('"This helped" given after the ticket was resolved links the resolution too, and taking it back unlinks it', async () => {
    w = await startWorld();
    const { old, fresh, reply } = await invoiceStory(w);
    await resolveFromCard(w, fresh, dev, 'Regenerated the PDF again');
    await settle(w);
    const cardUpdates = () => w!.slack.callsTo('chat.update').filter((u) => u.ts === fresh.cardTs);
    expect(JSON.stringify(cardUpdates().at(-1)!.blocks)).not.toContain('with the help of');
    const [s] = await suggestions(w, fresh.id);
    const click = (action: string) =>
      postBlockAction(w!.app.slackTarget, {
        action_id: action,
        value: String(s!.id),
        user_id: dev,
        message_ts: reply.ts,
        channel_id: dutyChannel,
      });
    await click('precedent.helped');
    await until(async () =>
      JSON.stringify(cardUpdates().at(-1)!.blocks).includes(`Resolved with the help of #${old.id}`),
    );
    await click('precedent.unrelated');
    await until(async () => !JSON.stringify(cardUpdates().at(-1)!.blocks).includes('with the help of'));
  });

  it('a click on a suggestion that does not exist is told to the clicker and changes nothing', async () => {
    w = await startWorld();
    await postBlockAction(w.app.slackTarget, {
      action_id: 'precedent.helped',
      value: '4242',
      user_id: lead,
      response_url: w.slack.responseUrl('gone'),
    });
    const answer = await w.slack.waitForResponse((r) => r.id === 'gone');
    expect(answer.body).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(answer.body)).toContain('no longer exists');
    expect(w.slack.callsTo('chat.update')).toHaveLength(0);
  });

  it('a ticket with nothing like it among resolved tickets gets no thread reply', async () => {
    w = await startWorld();
    const old = await newTicket(
      w,
      'inv-1',
      'Invoice PDF will not download',
      'When I click download on my invoice the PDF is empty and the browser shows error 500.',
    );
    await resolveFromCard(w, old, dev, invoiceResolution);
    const other = await newTicket(
      w,
      'lang-1',
      'App language',
      'How do I switch the mobile app to German? My team speaks no English.',
    );
    await until(async () => (await precedentJob(w!, other.id))?.status === 'done');
    await settle(w);
    expect(threadReplies(w, other.cardTs)).toHaveLength(0);
    // The search ran off the duty channel's paced lane, and nothing took a message slot there.
    expect((await precedentJob(w, other.id))!.lane).not.toContain(dutyChannel);
    expect(await precedentJob(w, other.id, 'ticket.precedents.post')).toBeUndefined();
    expect(await suggestions(w, other.id)).toHaveLength(0);
  });

  it('the precedents job run again after a crash (the post went out, its completion was not recorded) does not post twice', async () => {
    w = await startWorld();
    const { fresh } = await invoiceStory(w);
    await until(async () => (await precedentJob(w!, fresh.id, 'ticket.precedents.post'))?.status === 'done');
    const job = (await precedentJob(w, fresh.id, 'ticket.precedents.post'))!;
    // As a killed process leaves them: claimed by a worker that is gone, the search done and the post already in Slack.
    await w.app.rt.outbox.stop();
    const search = (await precedentJob(w, fresh.id))!;
    for (const id of [search.id, job.id]) {
      await w.app.exec(
        "UPDATE outbox SET status = 'sending', claimed_by = ?, claimed_at = ?, done_at = NULL WHERE id = ?",
        `${hostname()}/${process.pid}/killed-worker`,
        Date.now(),
        id,
      );
    }
    w.app.rt.outbox.start();
    await until(async () => (await precedentJob(w!, fresh.id))?.status === 'done');
    await until(async () => (await precedentJob(w!, fresh.id, 'ticket.precedents.post'))?.status === 'done');
    await settle(w);
    expect(threadReplies(w, fresh.cardTs)).toHaveLength(1);
    expect(w.slack.callsTo('conversations.replies').length).toBeGreaterThan(0);
    // A card refresh of the same ticket queues no second search either.
    const { enqueuePrecedents } = await import('../../src/services/knowledge/post-precedents');
    await enqueuePrecedents(w.app.rt.ctx, fresh.id, dutyChannel);
    expect(await w.app.query("SELECT count(*) n FROM outbox WHERE kind = 'ticket.precedents'")).toEqual([{ n: 2 }]);
    expect(await suggestions(w, fresh.id)).toHaveLength(2);
    expect(await precedentJobs(w, fresh.id, 'ticket.precedents.post')).toHaveLength(1);
  });
});

describe('/duty kb', () => {
  const kb = (w: TicketWorld, text: string, id: string) =>
    postSlashCommand(w.app.slackTarget, { text: `kb ${text}`, user_id: lead, response_url: w.slack.responseUrl(id) });

  it('answers only the asker with the best matches among resolved tickets', async () => {
    w = await startWorld();
    const old = await newTicket(
      w,
      'inv-1',
      'Invoice PDF will not download',
      'When I click download on my invoice the PDF is empty and the browser shows error 500.',
    );
    await resolveFromCard(w, old, dev, invoiceResolution);
    expect((await kb(w, 'invoices pdf', 'kb1')).status).toBe(200);
    const answer = await w.slack.waitForResponse((r) => r.id === 'kb1');
    expect(answer.body).toMatchObject({ response_type: 'ephemeral' });
    const shown = JSON.stringify(answer.body.blocks);
    expect(shown).toContain(`#${old.id}`);
    expect(shown).toContain(invoiceResolution);
    expect(shown).toContain('Billing runbook');
    expect(shown).not.toContain('precedent.helped');
  });

  it('no words get a usage hint; nothing matching, operators, emoji and a very long query get a friendly line, never an error', async () => {
    w = await startWorld();
    await postSlashCommand(w.app.slackTarget, {
      text: 'kb',
      user_id: lead,
      response_url: w.slack.responseUrl('empty'),
    });
    expect(JSON.stringify((await w.slack.waitForResponse((r) => r.id === 'empty')).body)).toContain(
      '/duty kb &lt;words&gt;',
    );
    const odd = ['"* NEAR OR : -', '🙂🙂🙂', 'зонтик', `${'umbrella '.repeat(1200)}`, '<!channel> & <@U0LEAD00001>'];
    for (const [i, q] of odd.entries()) {
      await kb(w, q, `odd${i}`);
      const body = (await w.slack.waitForResponse((r) => r.id === `odd${i}`)).body;
      expect(body.response_type).toBe('ephemeral');
      expect(body.text).toContain('Nothing in resolved tickets or runbooks matches');
      expect(JSON.stringify(body)).not.toContain('<!channel>');
    }
  });
});
