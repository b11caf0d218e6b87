import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { startFakeSlack } from '../harness/fake-slack';
import {
  count,
  dutyChannel,
  intakeChannel,
  postTicket,
  RunningClock,
  startTicketWorld,
  ticketRow,
  type TicketWorld,
} from './support/world';

let w: TicketWorld | undefined;
afterEach(async () => {
  w?.slack.assertNoUnexpectedCalls();
  await w?.stop();
  w = undefined;
});

describe('POST /api/tickets', () => {
  it('stores a new ticket (201), answers 200 with the same id for the same external id, and posts one card', async () => {
    w = await startTicketWorld();
    const body = {
      source: 'zendesk',
      externalId: 'ZD-1',
      customer: { email: 'kim@acme.io', name: 'Kim', company: 'Acme' },
      subject: 'Export fails',
      text: 'The CSV export times out',
      url: 'https://help.acme.io/ZD-1',
    };
    const first = await postTicket(w, body);
    expect(first.status).toBe(201);
    const { id } = (await first.json()) as { id: number };
    const again = await postTicket(w, body);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id });
    await w.app.rt.outbox.idle();
    const posts = w.slack.callsTo('chat.postMessage').filter((a) => a.channel === dutyChannel);
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts[0]!.blocks)).toContain('The CSV export times out');
    const buttons = (posts[0]!.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]).find(
      (b) => b.type === 'actions',
    )!.elements!;
    expect(buttons.map((b) => b.action_id)).toEqual([
      'ticket.claim',
      'ticket.resolve',
      'ticket.link_issue',
      'ticket.escalate',
    ]);
    expect(buttons.every((b) => b.value === String(id))).toBe(true);
    const row = await ticketRow(w, id);
    expect(row.card_ts).toBeTruthy();
    expect(row.customer_key).toBe('company:acme');
  });

  it('two concurrent posts with one external id make one ticket', async () => {
    w = await startTicketWorld();
    const body = { source: 'form', externalId: 'F-9', text: 'help' };
    const res = await Promise.all(Array.from({ length: 8 }, () => postTicket(w!, body)));
    expect(res.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    const ids = new Set(await Promise.all(res.map(async (r) => ((await r.json()) as { id: number }).id)));
    expect(ids.size).toBe(1);
    expect(await count(w, "SELECT count(*) n FROM tickets WHERE source = 'form'")).toBe(1);
  });

  it('a 40,000-character ticket is stored whole and its card keeps within Slack limits', async () => {
    w = await startTicketWorld();
    const text = `${'x'.repeat(39_990)} the end.`;
    const res = await postTicket(w, { externalId: 'long', text });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: number };
    expect((await ticketRow(w, id)).text).toBe(text);
    await w.app.rt.outbox.idle();
    const card = w.slack.callsTo('chat.postMessage').find((a) => a.channel === dutyChannel)!;
    for (const b of card.blocks as { type: string; text?: { text: string } }[])
      if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
    expect(JSON.stringify(card.blocks)).toContain('more characters');
  });

  it('bad input gets a clear error and stores nothing', async () => {
    w = await startTicketWorld();
    const none = await postTicket(w, { text: 'hi' }, { token: null });
    expect(none.status).toBe(401);
    expect(await postTicket(w, { text: 'hi' }, { token: 'dlp_wrong' }).then((r) => r.status)).toBe(401);
    const bad = await postTicket(w, null, { raw: '{"text": "unterminated' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ fields: { body: 'invalid JSON' } });
    const missing = await postTicket(w, { externalId: 'x' });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { fields: Record<string, string> }).fields).toHaveProperty('text');
    const blank = await postTicket(w, { text: '   ' });
    expect(blank.status).toBe(400);
    const huge = await postTicket(w, null, { raw: JSON.stringify({ text: 'y'.repeat(1024 * 1024 + 10) }) });
    expect(huge.status).toBe(413);
    expect(await count(w, 'SELECT count(*) n FROM tickets')).toBe(0);
    await w.app.rt.outbox.idle();
    expect(w.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('the token is stored only as its SHA-256', async () => {
    w = await startTicketWorld();
    const rows = await w.app.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).not.toContain(w.token);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('POST /api/tickets keeps outside strings clean', () => {
  const fieldsOf = async (res: Response) => ((await res.json()) as { fields: Record<string, string> }).fields;

  it('a lone surrogate in any string is refused with 400 naming the field, and nothing is stored', async () => {
    w = await startTicketWorld();
    const text = await postTicket(w, { externalId: 's1', text: 'broken \ud800 here' });
    expect(text.status).toBe(400);
    expect(await fieldsOf(text)).toEqual({ text: 'is not well-formed UTF-16 (a lone surrogate)' });
    const name = await postTicket(w, { externalId: 's2', text: 'fine', customer: { name: 'Kim \udc00' } });
    expect(name.status).toBe(400);
    expect(await fieldsOf(name)).toHaveProperty(['customer.name']);
    // A well-formed pair (an emoji) is of course fine.
    const emoji = await postTicket(w, { externalId: 's3', text: 'Export works now \ud83c\udf89' });
    expect(emoji.status).toBe(201);
    expect(await count(w, 'SELECT count(*) n FROM tickets')).toBe(1);
  });

  it('control characters other than newline and tab are dropped from every string', async () => {
    w = await startTicketWorld();
    const res = await postTicket(w, {
      source: 'zen\u0000desk',
      externalId: 'c\u001b1',
      subject: 'Bell\u0007 and\u0008 back',
      text: 'line one\r\nline two\tcolumn\u001b[31m red\u007f\u0085 end',
      customer: { name: 'Kim\u200b\u0000', company: 'Ac\u000cme' },
    });
    expect(res.status).toBe(201);
    const row = await ticketRow(w, ((await res.json()) as { id: number }).id);
    expect(row).toMatchObject({
      source: 'zendesk',
      external_id: 'c1',
      subject: 'Bell and back',
      text: 'line one\nline two\tcolumn[31m red end',
    });
    const [customer] = await w.app.query<{ name: string; company: string }>('SELECT name, company FROM customers');
    // Zero-width space is a format character, not a control character: kept.
    expect(customer).toEqual({ name: 'Kim\u200b', company: 'Acme' });
  });

  it('url is http(s) only, stored as parsed', async () => {
    w = await startTicketWorld();
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,<b>hi</b>',
      'ftp://files.acme.io/x',
      'file:///etc/passwd',
      'help.acme.io/no-scheme',
    ]) {
      const res = await postTicket(w, { externalId: `u-${url}`, text: 'link', url });
      expect(res.status, url).toBe(400);
      expect(await fieldsOf(res)).toEqual({ url: 'must be an http(s) URL' });
    }
    expect(await count(w, 'SELECT count(*) n FROM tickets')).toBe(0);
    const ok = await postTicket(w, { externalId: 'u-ok', text: 'link', url: 'https://help.acme.io/a b<c>|d' });
    expect(ok.status).toBe(201);
    expect((await ticketRow(w, ((await ok.json()) as { id: number }).id)).url).toBe(
      'https://help.acme.io/a%20b%3Cc%3E|d',
    );
  });

  it('a source Slack intake uses is refused, so an API client cannot take over a Slack message’s dedupe key', async () => {
    w = await startTicketWorld();
    for (const source of ['intake', 'reaction', 'shortcut', 'command', 'slack', ' Intake ', 'SLACK']) {
      const res = await postTicket(w, { source, externalId: `${intakeChannel}:1700000000.000100`, text: 'hijack' });
      expect(res.status, source).toBe(400);
      expect(await fieldsOf(res)).toHaveProperty('source');
    }
    expect(await count(w, 'SELECT count(*) n FROM tickets')).toBe(0);
  });
});

describe('the duty team stamped on API tickets', () => {
  it('is the team on duty at the ticket’s creation, also when the clock moves back into an earlier period or on past a handoff', async () => {
    const clock = new RunningClock('2026-03-20T12:00:00Z');
    const slack = (await startFakeSlack()).allowStandard();
    for (const id of ['U0OTTER0001', 'U0BEAVER001']) slack.addUser({ id, name: id.toLowerCase(), real_name: id });
    onTestFinished(() => slack.close());
    w = await startTicketWorld({
      clock,
      slack,
      file: {
        teams: [
          { name: 'Otters', lead: 'U0OTTER0001', members: ['U0OTTER0001'] },
          { name: 'Beavers', lead: 'U0BEAVER001', members: ['U0BEAVER001'] },
        ],
        rotation: { periodDays: 14, handoff: { weekday: 'monday', time: '10:00' }, anchor: '2026-03-02' },
      },
    });
    const teamOf = async (externalId: string) => {
      const { id } = (await (await postTicket(w!, { source: 'form', externalId, text: 'help' })).json()) as {
        id: number;
      };
      const [row] = await w!.app.query<{ name: string }>(
        'SELECT t.name FROM tickets k JOIN teams t ON t.id = k.duty_team_id WHERE k.id = ?',
        id,
      );
      return row!.name;
    };
    expect(await teamOf('a')).toBe('Beavers');
    clock.set('2026-03-05T12:00:00Z');
    expect(await teamOf('b')).toBe('Otters');
    clock.set('2026-03-31T12:00:00Z');
    expect(await teamOf('c')).toBe('Otters');
    await w.app.rt.outbox.idle();
  });
});
