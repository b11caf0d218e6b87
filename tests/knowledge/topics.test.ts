import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { postDigest } from '../../src/services/feedback/post-digest';
import { parseConfigFile } from '../../src/app/config/file';
import { ManualClock } from '../../src/domain/clock';
import { frequentWords } from '../../src/domain/knowledge/frequent-words';
import { assignTopic } from '../../src/domain/knowledge/topics';
import { median } from '../../src/domain/tickets/leaderboard';
import { correctTopic } from '../../src/services/knowledge/correct-topic';
import { runHandoff } from '../../src/services/rotation/run-handoff';
import { messageEvent, postBlockAction, postEvent } from '../harness/slack-requests';
import {
  dev,
  dutyChannel,
  intakeChannel,
  postTicket,
  startTicketWorld,
  ticketRow,
  until,
  type TicketWorld,
} from '../tickets/support/world';

const DAY = 86_400_000;
const exampleFile = 'config/dutyloop.example.yaml';
const parsed = parseConfigFile(readFileSync(exampleFile, 'utf8'), exampleFile);
const topics = parsed.config!.topics;
const labelled = JSON.parse(readFileSync('tests/fixtures/knowledge/topics.json', 'utf8')) as {
  text: string;
  topic: string;
}[];

let w: TicketWorld | undefined;
afterEach(async () => {
  await w?.stop();
  w = undefined;
});

describe('assigning a topic', () => {
  const small = {
    billing: ['invoice', 'refund', 'счёт', 'charge'],
    login: ['password', 'log in', 'пароль'],
    mobile: ['/\\bios\\s?1[78]\\b/'],
  };

  it('a configured word matches its other forms, in English and in Russian, and a one-letter slip', () => {
    expect(assignTopic('Where are my INVOICES?', small)).toBe('billing');
    expect(assignTopic('Пришлите, пожалуйста, счета за май', small)).toBe('billing');
    expect(assignTopic('у нас нет счетов за апрель', small)).toBe('billing');
    expect(assignTopic('the invocie is missing', small)).toBe('billing');
    expect(assignTopic('Пароля не помню', small)).toBe('login');
    expect(assignTopic('I cannot log in today', small)).toBe('login');
  });

  it('a /regex/ entry matches the folded text; a short word one letter off is another word', () => {
    expect(assignTopic('Crash on iOS 17 when opening a task', small)).toBe('mobile');
    expect(assignTopic('Crash on iOS 16', small)).toBe('other');
    expect(assignTopic('please change my e-mail address', small)).toBe('other');
  });

  it('the topic mentioned most wins; a tie goes to the topic listed first', () => {
    expect(assignTopic('password reset and a refund and the invoice', small)).toBe('billing');
    expect(assignTopic('refund my password', small)).toBe('billing');
    expect(assignTopic('refund my password', { login: small.login, billing: small.billing })).toBe('login');
  });

  it('odd text is other, never an error, and a broken pattern in the config never matches', () => {
    for (const text of [
      '',
      '   ',
      '!!! ??? ...',
      '🙂🙂🔥',
      '" * NEAR OR : AND',
      'x'.repeat(10_000),
      'refund '.repeat(2000),
    ]) {
      expect(() => assignTopic(text, small)).not.toThrow();
    }
    expect(assignTopic('🙂🙂🔥', small)).toBe('other');
    expect(assignTopic('refund please', { broken: ['/([a-z/'], billing: ['refund'] })).toBe('billing');
    expect(assignTopic('refund please', {})).toBe('other');
  });

  it('a config typo in topics is named with its file, line and reason', () => {
    const yaml = 'timezone: UTC\ndutyChannel: C0DUTY00001\ntopics:\n  billing: [invoice, "/(vat/"]\n  other: [misc]\n';
    const { config, problems } = parseConfigFile(yaml, 'dutyloop.yaml');
    expect(config).toBeUndefined();
    expect(problems).toContain(
      'dutyloop.yaml:4: topics.billing.1 is not a valid regular expression (a /…/ entry is one)',
    );
    expect(problems.some((p) => p.startsWith('dutyloop.yaml:5: topics.other'))).toBe(true);
  });

  it(`is right on at least 85% of the 100 labelled tickets with the topics of ${exampleFile}`, () => {
    expect(parsed.problems).toEqual([]);
    expect(Object.keys(topics)).toHaveLength(8);
    expect(labelled).toHaveLength(100);
    expect(new Set(labelled.map((t) => t.topic))).toEqual(new Set(Object.keys(topics)));
    expect(labelled.filter((t) => /\p{Script=Cyrillic}/u.test(t.text)).length).toBeGreaterThanOrEqual(25);
    const wrong = labelled.filter((t) => assignTopic(t.text, topics) !== t.topic);
    const accuracy = (labelled.length - wrong.length) / labelled.length;
    console.log(
      `topic assignment: ${labelled.length - wrong.length}/${labelled.length} right (${(accuracy * 100).toFixed(0)}%)`,
    );
    expect(accuracy).toBeGreaterThanOrEqual(0.85);
  });

  it('the frequent words of a set of tickets are counted once per ticket, shown as customers wrote them', () => {
    expect(
      frequentWords(['Invoices are wrong', 'the invoices again, 7 times', 'an Invoice for Acme', 'acme acme'], 2),
    ).toEqual([
      { term: 'invoices', tickets: 3 },
      { term: 'acme', tickets: 2 },
    ]);
  });
});

const selectOption = (value: string) => ({ text: { type: 'plain_text', text: value }, value });

describe('topics on tickets and cards', () => {
  it('API and Slack tickets get a topic; the card shows it with a select; a correction is kept and shown; an unknown topic is refused', async () => {
    w = await startTicketWorld({ withTeam: true, file: { topics } });
    const res = await postTicket(w, {
      source: 'zendesk',
      externalId: 'Z-1',
      customer: { email: 'ann@acme.example' },
      text: 'We were charged twice in March, please refund one payment',
    });
    const apiId = ((await res.json()) as { id: number }).id;
    expect(await ticketRow(w, apiId)).toMatchObject({ topic: 'billing', topic_set_by: null });

    await postEvent(
      w.app.slackTarget,
      messageEvent({
        channel: intakeChannel,
        user: 'U0CUSTOMER1',
        text: 'Не могу войти, пишет неверный пароль',
        ts: '1773136800.000100',
      }),
    );
    const slackTicket = await until(
      async () =>
        (
          await w!.app.query<{ id: number; topic: string; card_ts: string }>(
            'SELECT id, topic, card_ts FROM tickets WHERE source = ? AND card_ts IS NOT NULL',
            'intake',
          )
        )[0],
    );
    expect(slackTicket.topic).toBe('login');

    const card = w.slack
      .callsTo('chat.postMessage')
      .find(
        (p) => p.channel === dutyChannel && JSON.stringify(p.blocks ?? []).includes(`ticket.topic:${slackTicket.id}`),
      )!;
    const topicBlock = (
      card.blocks as { block_id?: string; text?: { text: string }; accessory?: Record<string, any> }[]
    ).find((b) => b.block_id === `ticket.topic:${slackTicket.id}`)!;
    expect(topicBlock.text!.text).toContain('Topic: *login*');
    expect(topicBlock.accessory!.type).toBe('static_select');
    expect(topicBlock.accessory!.options.map((o: { value: string }) => o.value)).toEqual([
      ...Object.keys(topics),
      'other',
    ]);
    expect(topicBlock.accessory!.initial_option.value).toBe('login');

    await postBlockAction(w.app.slackTarget, {
      action_id: 'ticket.topic',
      block_id: `ticket.topic:${slackTicket.id}`,
      selected_option: selectOption('mobile'),
      user_id: dev,
      message_ts: slackTicket.card_ts,
      response_url: w.slack.responseUrl('t1'),
    });
    await until(async () => (await ticketRow(w!, slackTicket.id)).topic === 'mobile');
    expect((await ticketRow(w, slackTicket.id)).topic_set_by).toBe(dev);
    const updated = await w.slack.waitFor(
      'chat.update',
      (p) => p.ts === slackTicket.card_ts && JSON.stringify(p.blocks).includes('Topic: *mobile*'),
    );
    expect(JSON.stringify(updated.blocks)).toContain(
      '"initial_option":{"text":{"type":"plain_text","text":"mobile"},"value":"mobile"}',
    );

    // A forged choice of a topic nobody configured: told to the chooser, nothing changes.
    const updates = w.slack.callsTo('chat.update').length;
    await postBlockAction(w.app.slackTarget, {
      action_id: 'ticket.topic',
      block_id: `ticket.topic:${slackTicket.id}`,
      selected_option: selectOption('<!channel> hacks'),
      user_id: dev,
      message_ts: slackTicket.card_ts,
      response_url: w.slack.responseUrl('t2'),
    });
    const refusal = await w.slack.waitForResponse((r) => r.id === 't2');
    expect(refusal.body).toMatchObject({ response_type: 'ephemeral' });
    expect(String((refusal.body as { text: string }).text)).toContain('not a configured topic');
    expect(String((refusal.body as { text: string }).text)).not.toContain('<!channel>');
    expect(await ticketRow(w, slackTicket.id)).toMatchObject({ topic: 'mobile', topic_set_by: dev });
    await new Promise((r) => setTimeout(r, 50));
    await w.app.rt.outbox.idle();
    expect(w.slack.callsTo('chat.update')).toHaveLength(updates);
  });

  it('the weekly digest and the handoff name the top three topics of their period', async () => {
    w = await startTicketWorld({ withTeam: true, file: { topics, feedback: { productChannel: 'C0PRODUCT01' } } });
    const texts = [
      ...Array(4).fill('Please refund the double charge on our invoice'),
      ...Array(3).fill('Cannot log in, password rejected'),
      ...Array(2).fill('The dashboard is very slow, pages take forever to load'),
      'The iOS app crashes on launch',
    ];
    for (const [i, text] of texts.entries())
      expect(
        (
          await postTicket(w, {
            source: 'zendesk',
            externalId: `D-${i}`,
            customer: { email: `c${i % 3}@x.example` },
            text,
          })
        ).status,
      ).toBe(201);
    expect(await postDigest({ ctx: w.app.rt.ctx })).toEqual({ posted: true });
    const digest = await w.slack.waitFor('chat.postMessage', (p) => p.channel === 'C0PRODUCT01');
    const digestText = JSON.stringify(digest.blocks);
    expect(digestText).toContain('Top topics this week');
    expect(digestText).toContain(
      '1. *billing* — 4 tickets, 3 customers\\n2. *login* — 3 tickets, 3 customers\\n3. *performance* — 2 tickets, 2 customers',
    );
    expect(digestText).not.toContain('mobile');

    // The next handoff (rotation anchored on Monday 2 March 2026 10:00 UTC, 14 days) sums up the period these arrived in.
    const anchor = Date.UTC(2026, 2, 2, 10);
    const now = w.clock.now().getTime();
    const next = anchor + Math.ceil((now - anchor) / (14 * DAY)) * 14 * DAY;
    w.clock.advance(next - now + 60_000);
    expect((await runHandoff({ ctx: w.app.rt.ctx })).handoff).toBe('done');
    const handoff = await w.slack.waitFor(
      'chat.postMessage',
      (p) => p.channel === dutyChannel && JSON.stringify(p.blocks ?? []).includes('Top topics this period'),
    );
    expect(JSON.stringify(handoff.blocks)).toContain(
      '1. *billing* — 4 tickets, 3 customers\\n2. *login* — 3 tickets, 3 customers\\n3. *performance* — 2 tickets, 2 customers',
    );
  });
});

describe('GET /api/topics', () => {
  it('counts every ticket in one topic per window, with distinct customers, the previous window and medians, a correction winning', async () => {
    const start = Date.UTC(2026, 4, 1);
    const clock = new ManualClock(start);
    w = await startTicketWorld({ clock, file: { topics } });
    // A seeded random walk over 200 days: the labelled tickets again and again, from a few customers.
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const people = [
      { email: 'a@one.example' },
      { email: 'b@one.example', company: 'One' },
      { email: 'c@one.example', company: 'one ' },
      { email: 'd@two.example' },
      {},
      { email: 'E@two.example' },
    ];
    const made: { id: number; text: string; who: (typeof people)[number] }[] = [];
    for (let i = 0; i < 160; i += 1) {
      clock.advance(Math.floor(rnd() * 1.25 * DAY) + 1);
      const { text } = labelled[Math.floor(rnd() * labelled.length)]!;
      const who = people[Math.floor(rnd() * people.length)]!;
      const res = await postTicket(w, { source: 'zendesk', externalId: `T-${i}`, customer: who, text });
      made.push({ id: ((await res.json()) as { id: number }).id, text, who });
    }
    // Their history: first responses and resolutions for most.
    const facts = [];
    for (const m of made) {
      const [row] = await w.app.query<{ created_at: number }>('SELECT created_at FROM tickets WHERE id = ?', m.id);
      const created = row!.created_at;
      const fr = rnd() < 0.85 ? Math.floor(rnd() * 90 * 60_000) + 1 : null;
      const res = fr !== null && rnd() < 0.8 ? created + fr + Math.floor(rnd() * 30 * 3_600_000) : null;
      await w.app.exec(
        'UPDATE tickets SET first_response_at = created_at + ?, resolved_at = ?, status = ? WHERE id = ?',
        fr,
        res,
        res ? 'resolved' : 'claimed',
        m.id,
      );
      const key = m.who.company?.trim().toLowerCase() ?? m.who.email?.toLowerCase() ?? null;
      facts.push({ ...m, created, fr, res, key, topic: assignTopic(m.text, topics) });
    }
    // Two corrections from the card's select (the service behind it): they win.
    for (const f of facts.slice(-2)) {
      const to = f.topic === 'mobile' ? 'other' : 'mobile';
      await correctTopic({ ctx: w.app.rt.ctx, input: { ticketId: f.id, topic: to, by: dev } });
      f.topic = to;
    }

    const now = clock.now().getTime();
    const get = (q: string, token: string | null = w!.token) =>
      fetch(`${w!.app.url}/api/topics${q}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect((await get('?window=30d', null)).status).toBe(401);
    expect((await get('?window=1y')).status).toBe(400);
    const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
    for (const [window, days] of [
      ['7d', 7],
      ['30d', 30],
      ['90d', 90],
      ['all', null],
    ] as const) {
      const body = (await (await get(`?window=${window}`)).json()) as {
        topic: string;
        tickets: number;
        customers: number;
        previous: number | null;
        medianFirstResponseMinutes: number | null;
        medianResolutionHours: number | null;
      }[];
      const to = now + 1;
      const from = days === null ? 0 : to - days * DAY;
      const inWindow = facts.filter((f) => f.created >= from && f.created < to);
      expect(
        body.reduce((a, r) => a + r.tickets, 0),
        window,
      ).toBe(inWindow.length);
      expect(new Set(body.map((r) => r.topic))).toEqual(new Set([...Object.keys(topics), 'other']));
      for (const r of body) {
        const mine = inWindow.filter((f) => f.topic === r.topic);
        const before =
          days === null
            ? null
            : facts.filter((f) => f.topic === r.topic && f.created >= to - 2 * days * DAY && f.created < from).length;
        const fr = median(mine.filter((f) => f.fr !== null).map((f) => f.fr!));
        const res = median(mine.filter((f) => f.res !== null).map((f) => f.res! - f.created));
        expect(r, `${window} ${r.topic}`).toMatchObject({
          tickets: mine.length,
          customers: new Set(mine.map((f) => f.key).filter((k) => k !== null)).size,
          previous: before,
          medianFirstResponseMinutes: round1(fr === null ? null : fr / 60_000),
          medianResolutionHours: round1(res === null ? null : res / 3_600_000),
        });
      }
      expect(body.map((r) => r.tickets)).toEqual([...body.map((r) => r.tickets)].sort((a, b) => b - a));
      const other = body.find((r) => r.topic === 'other') as {
        tickets: number;
        otherTerms?: { term: string; tickets: number }[];
      };
      for (const t of other.otherTerms ?? []) expect(t.tickets).toBeLessThanOrEqual(other.tickets);
      if (other.tickets > 0) expect(other.otherTerms?.length).toBeGreaterThan(0);
    }
  });
});
