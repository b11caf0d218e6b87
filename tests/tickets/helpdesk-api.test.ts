import { afterEach, describe, expect, it } from 'vitest';
import { postViewSubmission } from '../harness/slack-requests';
import {
  count,
  dev,
  dutyChannel,
  postApi,
  postTicket,
  startTicketWorld,
  ticketRow,
  until,
  type ApiPostOptions,
  type TicketWorld,
} from './support/world';

let w: TicketWorld | undefined;
afterEach(async () => {
  w?.slack.assertNoUnexpectedCalls();
  await w?.stop();
  w = undefined;
});

const resolve = (w: TicketWorld, id: number | string, body: unknown, opts?: ApiPostOptions) =>
  postApi(w, `/api/tickets/${id}/resolve`, body, opts);
const reply = (w: TicketWorld, id: number | string, body: unknown, opts?: ApiPostOptions) =>
  postApi(w, `/api/tickets/${id}/reply`, body, opts);

/** A ticket from the helpdesk, with its card posted in the duty channel. */
async function helpdeskTicket(w: TicketWorld, externalId = 'ZD-7'): Promise<number> {
  const res = await postTicket(w, {
    source: 'zendesk',
    externalId,
    customer: { email: 'kim@acme.io', company: 'Acme' },
    text: 'The export button does nothing',
  });
  const { id } = (await res.json()) as { id: number };
  await until(async () => (await ticketRow(w, id)).card_ts);
  await w.app.rt.outbox.idle();
  return id;
}

/** The ticket's times as stored (epoch ms). */
const timesOf = async (w: TicketWorld, id: number) =>
  (
    await w.app.query<{ created_at: number; first_response_at: number | null }>(
      'SELECT created_at, first_response_at FROM tickets WHERE id = ?',
      id,
    )
  )[0]!;

const lastCard = (w: TicketWorld) => JSON.stringify(w.slack.callsTo('chat.update').at(-1)?.blocks ?? []);

describe('POST /api/tickets/:id/resolve', () => {
  it('resolves like the Resolve button: the card says who and how, the rating link goes to the thread, and the same call again answers the same', async () => {
    w = await startTicketWorld();
    const id = await helpdeskTicket(w);
    const first = await resolve(w, id, {
      resolution: 'Re-enabled exports for the Acme account',
      resolvedBy: 'Kim Lee',
    });
    expect(first.status).toBe(200);
    const body = await first.json();
    expect(body).toMatchObject({
      id,
      status: 'resolved',
      resolution: 'Re-enabled exports for the Acme account',
      resolvedBy: 'Kim Lee (helpdesk)',
    });
    await w.app.rt.outbox.idle();
    expect(lastCard(w)).toContain('Resolved by Kim Lee (helpdesk): Re-enabled exports for the Acme account');
    expect(lastCard(w)).not.toContain('ticket.resolve');
    const thread = w.slack.callsTo('chat.postMessage').filter((m) => m.channel === dutyChannel && m.thread_ts);
    expect(thread.some((m) => String(m.text).includes('/rate/'))).toBe(true);

    const updates = w.slack.callsTo('chat.update').length;
    const again = await resolve(w, id, {
      resolution: '  Re-enabled exports for the Acme account ',
      resolvedBy: 'Someone Else',
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(body);
    await w.app.rt.outbox.idle();
    expect(w.slack.callsTo('chat.update')).toHaveLength(updates);
    expect(await count(w, "SELECT count(*) n FROM ticket_events WHERE type = 'resolved'")).toBe(1);
  });

  it('a ticket resolved from the helpdesk is found as a precedent, with its resolution and who resolved it', async () => {
    w = await startTicketWorld();
    const id = await helpdeskTicket(w);
    await resolve(w, id, { resolution: 'Re-enabled exports for the account', resolvedBy: 'Kim Lee' });
    const res = await fetch(
      `${w.app.url}/api/similar?text=${encodeURIComponent('export button does nothing when clicked')}`,
      { headers: { authorization: `Bearer ${w.token}` } },
    );
    const { results } = (await res.json()) as {
      results: { kind: string; id: number | string; resolution: string; resolvedBy: string }[];
    };
    expect(results.find((r) => r.kind === 'ticket')).toMatchObject({
      id,
      resolution: 'Re-enabled exports for the account',
      resolvedBy: 'Kim Lee (helpdesk)',
    });
  });

  it('a helpdesk retrying at once: identical calls all answer 200 alike and resolve once; of different ones one wins and the rest are 409', async () => {
    w = await startTicketWorld();
    const id = await helpdeskTicket(w, 'same');
    const same = await Promise.all(
      Array.from({ length: 5 }, () => resolve(w!, id, { resolution: 'Reset the password', resolvedBy: 'Kim Lee' })),
    );
    expect(same.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(await Promise.all(same.map((r) => r.text()))).size).toBe(1);
    const other = await helpdeskTicket(w, 'different');
    const mixed = await Promise.all(['One', 'Two', 'Three'].map((resolution) => resolve(w!, other, { resolution })));
    expect(mixed.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(await count(w, "SELECT count(*) n FROM ticket_events WHERE type = 'resolved'")).toBe(2);
  });

  it('another resolution of a resolved ticket is 409 and keeps the first', async () => {
    w = await startTicketWorld();
    const id = await helpdeskTicket(w);
    expect((await resolve(w, id, { resolution: 'Cleared the cache' })).status).toBe(200);
    const other = await resolve(w, id, { resolution: 'Restarted the worker' });
    expect(other.status).toBe(409);
    expect(await other.json()).toMatchObject({ error: 'conflict' });
    expect((await ticketRow(w, id)).resolution).toBe('Cleared the cache');
  });

  it('a ticket resolved in Slack answers 200 to the helpdesk reporting the same resolution, 409 to another', async () => {
    w = await startTicketWorld({ withTeam: true });
    const id = await helpdeskTicket(w);
    await postViewSubmission(w.app.slackTarget, {
      callback_id: 'ticket.resolve',
      user_id: dev,
      private_metadata: JSON.stringify({ ticketId: id }),
      values: { resolution: { value: { type: 'plain_text_input', value: 'Turned exports back on' } } },
    });
    await until(async () => (await ticketRow(w!, id)).status === 'resolved');
    const same = await resolve(w, id, { resolution: 'Turned exports back on' });
    expect(same.status).toBe(200);
    expect(await same.json()).toMatchObject({ resolvedBy: dev });
    expect((await resolve(w, id, { resolution: 'Something else' })).status).toBe(409);
  });

  it('a Slack user id is credited and mentioned; a member e-mail becomes their id; a name shaped like an id or carrying a mention never pings', async () => {
    w = await startTicketWorld({ withTeam: true });
    const a = await helpdeskTicket(w, 'A');
    await resolve(w, a, { resolution: 'Fixed', resolvedBy: dev });
    await w.app.rt.outbox.idle();
    expect(lastCard(w)).toContain(`Resolved by <@${dev}>`);
    const board = (await (
      await fetch(`${w.app.url}/api/leaderboard?period=all`, { headers: { authorization: `Bearer ${w.token}` } })
    ).json()) as { entries: { userId: string; handled: number }[] };
    expect(board.entries).toEqual([expect.objectContaining({ userId: dev, handled: 1 })]);

    const b = await helpdeskTicket(w, 'B');
    await resolve(w, b, { resolution: 'Fixed', resolvedBy: 'WALLACE' });
    await w.app.rt.outbox.idle();
    expect((await ticketRow(w, b)).resolved_by).toBe('WALLACE (helpdesk)');
    expect(lastCard(w)).toContain('Resolved by WALLACE (helpdesk)');
    expect(lastCard(w)).not.toContain('<@WALLACE');

    const c = await helpdeskTicket(w, 'C');
    await resolve(w, c, { resolution: 'Fixed <!channel>', resolvedBy: '<!here> <@U0LEAD00001>' });
    await w.app.rt.outbox.idle();
    expect(lastCard(w)).toContain('&lt;!here&gt; &lt;@U0LEAD00001&gt; (helpdesk)');
    expect(lastCard(w)).toContain('Fixed &lt;!channel&gt;');
    expect(lastCard(w)).not.toMatch(/<!here>|<!channel>|<@U0LEAD00001>/);
  });

  it('a configured member named by e-mail is credited as themselves', async () => {
    w = await startTicketWorld({ withTeam: true });
    await w.app.exec("UPDATE members SET email = 'dana@example.com' WHERE slack_user_id = ?", dev);
    const id = await helpdeskTicket(w);
    const res = await resolve(w, id, { resolution: 'Fixed', resolvedBy: 'Dana@Example.com' });
    expect(await res.json()).toMatchObject({ resolvedBy: dev });
  });

  it('refuses what it cannot do with a clear status, and changes nothing', async () => {
    w = await startTicketWorld();
    const id = await helpdeskTicket(w);
    expect((await resolve(w, 99999, { resolution: 'x' })).status).toBe(404);
    expect((await resolve(w, 'abc', { resolution: 'x' })).status).toBe(404);
    expect((await resolve(w, id, { resolution: 'x' }, { token: null })).status).toBe(401);
    expect((await resolve(w, id, { resolution: 'x' }, { token: 'dlp_wrong' })).status).toBe(401);
    const notJson = await resolve(w, id, null, { raw: '{"resolution": ' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ fields: { body: 'invalid JSON' } });
    const blank = await resolve(w, id, { resolution: '   ' });
    expect(blank.status).toBe(400);
    expect(await blank.json()).toMatchObject({ fields: { resolution: expect.any(String) } });
    expect((await resolve(w, id, {})).status).toBe(400);
    expect((await resolve(w, id, { resolution: 'y'.repeat(501) })).status).toBe(400);
    expect((await resolve(w, id, { resolution: 'ok', resolvedBy: 42 })).status).toBe(400);
    expect((await resolve(w, id, null, { raw: JSON.stringify({ resolution: 'z'.repeat(70 * 1024) }) })).status).toBe(
      413,
    );
    expect((await ticketRow(w, id)).status).toBe('open');
    expect(await count(w, "SELECT count(*) n FROM ticket_events WHERE type = 'resolved'")).toBe(0);
  });
});

describe('POST /api/tickets/:id/reply', () => {
  it('records the first response now; the first call wins and later ones answer what was recorded', async () => {
    w = await startTicketWorld();
    const id = await helpdeskTicket(w);
    const first = await reply(w, id, { by: 'Kim Lee' });
    expect(first.status).toBe(200);
    const body = (await first.json()) as { firstResponseAt: string; firstResponseBy: string };
    expect(body.firstResponseBy).toBe('Kim Lee (helpdesk)');
    const row = await timesOf(w, id);
    expect(new Date(body.firstResponseAt).getTime()).toBe(row.first_response_at);
    expect(row.first_response_at).toBeGreaterThanOrEqual(row.created_at);
    const again = await reply(w, id, { by: 'Other Person', at: new Date(row.created_at).toISOString() });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(body);
    expect(await count(w, "SELECT count(*) n FROM ticket_events WHERE type = 'responded'")).toBe(1);
  });

  it('takes the time the helpdesk says, and the leaderboard counts it like a reply in Slack', async () => {
    w = await startTicketWorld({ withTeam: true });
    const id = await helpdeskTicket(w);
    const created = (await timesOf(w, id)).created_at;
    w.clock.advance(30 * 60_000);
    const at = new Date(created + 7 * 60_000).toISOString();
    const res = await reply(w, id, { by: dev, at });
    expect(await res.json()).toEqual({ id, firstResponseAt: at, firstResponseBy: dev });
    await resolve(w, id, { resolution: 'Sent the fixed export', resolvedBy: dev });
    const board = (await (
      await fetch(`${w.app.url}/api/leaderboard?period=current`, { headers: { authorization: `Bearer ${w.token}` } })
    ).json()) as { entries: { userId: string; medianFirstResponseMs: number }[] };
    expect(board.entries).toEqual([expect.objectContaining({ userId: dev, medianFirstResponseMs: 7 * 60_000 })]);
  });

  it('an empty body is fine; a time in the future, before the ticket, or without a zone is refused; an unknown ticket is 404', async () => {
    w = await startTicketWorld();
    const id = await helpdeskTicket(w);
    const created = (await timesOf(w, id)).created_at;
    const now = w.clock.now().getTime();
    expect((await reply(w, id, { at: new Date(now + 3_600_000).toISOString() })).status).toBe(400);
    expect((await reply(w, id, { at: new Date(created - 60_000).toISOString() })).status).toBe(400);
    expect((await reply(w, id, { at: '2026-03-10T09:15:00' })).status).toBe(400);
    expect((await reply(w, id, { at: 'yesterday' })).status).toBe(400);
    expect((await timesOf(w, id)).first_response_at).toBeNull();
    expect((await reply(w, 424242, {})).status).toBe(404);
    expect((await reply(w, id, {}, { token: null })).status).toBe(401);
    const empty = await reply(w, id, null, { raw: '' });
    expect(empty.status).toBe(200);
    expect(await empty.json()).toMatchObject({ id, firstResponseBy: 'helpdesk (helpdesk)' });
  });
});
