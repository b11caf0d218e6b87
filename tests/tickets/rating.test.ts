import { afterEach, describe, expect, it } from 'vitest';
import { messageEvent, postBlockAction, postEvent } from '../harness/slack-requests';
import { changeTicket } from '../../src/services/tickets/change-ticket';
import {
  dutyChannel,
  intakeChannel,
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

describe('ratings', () => {
  it('a Slack requester gets one DM with the five choices; a 2 is posted to the card thread; a second click is refused', async () => {
    w = await startTicketWorld();
    await postEvent(
      w.app.slackTarget,
      messageEvent({
        channel: intakeChannel,
        user: 'U0CUSTOMER1',
        text: 'Where is my invoice?',
        ts: '1773136800.000100',
      }),
    );
    const t = await until(
      async () =>
        (
          await w!.app.query<{ id: number; card_ts: string }>(
            'SELECT id, card_ts FROM tickets WHERE card_ts IS NOT NULL',
          )
        )[0],
    );
    await changeTicket({
      ctx: w.app.rt.ctx,
      input: { ticketId: t.id, action: { type: 'resolve', by: 'U0DEV000001' }, resolution: 'Sent it again' },
    });
    // Reopened and resolved again: still only one request.
    await changeTicket({ ctx: w.app.rt.ctx, input: { ticketId: t.id, action: { type: 'reopen', by: 'U0CUSTOMER1' } } });
    await changeTicket({
      ctx: w.app.rt.ctx,
      input: { ticketId: t.id, action: { type: 'resolve', by: 'U0DEV000001' }, resolution: 'Sent it again' },
    });
    await settle(w);
    const dms = w.slack.callsTo('chat.postMessage').filter((p) => p.channel === 'U0CUSTOMER1');
    expect(dms).toHaveLength(1);
    const labels = ((dms[0]!.blocks as any[]).find((b) => b.type === 'actions').elements as any[]).map(
      (e) => e.text.text,
    );
    expect(labels).toEqual(['1 awful', '2 poor, but it happens', '3 fine, expected more', '4 good', '5 wow']);
    await postBlockAction(w.app.slackTarget, {
      action_id: 'ticket.rate.2',
      value: `${t.id}:2`,
      user_id: 'U0CUSTOMER1',
      channel_id: 'DCUSTOMER1',
      response_url: w.slack.responseUrl('rate1'),
    });
    await w.slack.waitForResponse((r) => JSON.stringify(r.body).includes('Thanks'));
    await settle(w);
    expect(await ticketRow(w, t.id)).toMatchObject({ rating: 2 });
    const thread = w.slack
      .callsTo('chat.postMessage')
      .filter((p) => p.channel === dutyChannel && p.thread_ts === t.card_ts);
    expect(thread.some((p) => String(p.text).includes('2 poor, but it happens'))).toBe(true);
    await postBlockAction(w.app.slackTarget, {
      action_id: 'ticket.rate.5',
      value: `${t.id}:5`,
      user_id: 'U0CUSTOMER1',
      response_url: w.slack.responseUrl('rate2'),
    });
    await w.slack.waitForResponse((r) => JSON.stringify(r.body).includes('already rated'));
    expect(await ticketRow(w, t.id)).toMatchObject({ rating: 2 });
  });

  it('an API ticket gets a signed single-use link: the page shows the five choices, the rating is saved once, a forged link is refused', async () => {
    w = await startTicketWorld();
    const { id } = (await (
      await postTicket(w, { externalId: 'R1', text: 'Refund please', customer: { email: 'kim@acme.io' } })
    ).json()) as { id: number };
    await settle(w);
    await changeTicket({
      ctx: w.app.rt.ctx,
      input: { ticketId: id, action: { type: 'resolve', by: 'U0DEV000001' }, resolution: 'Refunded' },
    });
    await settle(w);
    const linkPost = w.slack.callsTo('chat.postMessage').find((p) => String(p.text).includes('/rate/'))!;
    const path = /\/rate\/[^\s>]+/.exec(String(linkPost.text))![0];
    const page = await fetch(`${w.app.url}${path}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const label of ['1 awful', '2 poor, but it happens', '3 fine, expected more', '4 good', '5 wow'])
      expect(html).toContain(label);
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=/);
    const rate = (p: string, rating: string) =>
      fetch(`${w!.app.url}${p}`, { method: 'POST', body: new URLSearchParams({ rating, comment: 'quick, thanks' }) });
    expect((await rate(path, '9')).status).toBe(400);
    expect((await rate(path, '4')).status).toBe(200);
    expect(await ticketRow(w, id)).toMatchObject({ rating: 4, rating_comment: 'quick, thanks' });
    expect((await rate(path, '1')).status).toBe(410);
    expect((await fetch(`${w.app.url}${path}`)).status).toBe(410);
    expect(await ticketRow(w, id)).toMatchObject({ rating: 4 });
    const forged = path.replace(/^\/rate\/\d+\./, `/rate/${id + 1}.`);
    expect((await fetch(`${w.app.url}${forged}`)).status).toBe(404);
  });
});
