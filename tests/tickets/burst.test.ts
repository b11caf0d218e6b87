import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../../src/adapters/db/client';
import { startFakeSlack, type FakeSlack } from '../harness/fake-slack';
import { count, dutyChannel, postTicket, startTicketWorld, until, type TicketWorld } from './support/world';

let w: TicketWorld | undefined;
let slack: FakeSlack | undefined;
let dir: string | undefined;
afterEach(async () => {
  await w?.stop();
  await slack?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  w = slack = dir = undefined;
});

/** Messages that really landed in the duty channel (429-refused attempts are not messages). */
const cardPosts = (s: FakeSlack) => s.state.messages.filter((m) => m.channel === dutyChannel && !m.thread_ts);
const keyOf = (m: { metadata?: unknown }) => (m.metadata as { event_payload: { key: string } }).event_payload.key;
const cardKeys = (s: FakeSlack) =>
  cardPosts(s)
    .map(keyOf)
    .filter((k) => k.startsWith('ticket.card:'));
const burstCards = (s: FakeSlack) => cardPosts(s).filter((m) => keyOf(m).startsWith('ticket.burst:'));

async function burst(w: TicketWorld, n: number, prefix: string) {
  const res = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      postTicket(w, { externalId: `${prefix}-${i}`, text: `Checkout fails with error 502 on payment page (${i})` }),
    ),
  );
  expect(res.every((r) => r.status === 201)).toBe(true);
}

describe('a burst of tickets', () => {
  it('300 tickets against a channel limit: every ticket stored, no 429 left unhandled, every card posted once at the channel pace', async () => {
    // 40 cards/s through the lane against a Slack that refuses more than 50/s per channel.
    slack = await startFakeSlack({ channelRateLimitPerSecond: 50 });
    slack.allowStandard();
    w = await startTicketWorld({ slack, slackChannelIntervalMs: 25 });
    await burst(w, 300, 'b');
    expect(await count(w, 'SELECT count(*) n FROM tickets')).toBe(300);
    await until(
      async () => (await count(w!, 'SELECT count(*) n FROM tickets WHERE card_ts IS NOT NULL')) === 300,
      40_000,
    );
    await w.app.rt.outbox.idle();
    const keys = cardKeys(slack);
    expect(keys).toHaveLength(300);
    expect(new Set(keys).size).toBe(300);
    expect(await count(w, "SELECT count(*) n FROM outbox WHERE status NOT IN ('done')")).toBe(0);
    // One burst card said how many were waiting and what they were about, and was updated as more came in.
    expect(burstCards(slack)).toHaveLength(1);
    const burstText = JSON.stringify(burstCards(slack)[0]!.blocks);
    expect(burstText).toMatch(/Burst: \d+ tickets waiting/);
    expect(burstText).toMatch(/\*(checkout|fails|error|payment|page)\*/);
    expect(slack.callsTo('chat.update').some((u) => u.ts === burstCards(slack!)[0]!.ts)).toBe(true);
    // Every post Slack refused with 429 was retried until it landed, and none landed twice.
    expect(slack.callsTo('chat.postMessage').length).toBe(
      slack.state.messages.filter((m) => m.channel === dutyChannel).length + slack.rateLimited.length,
    );
  }, 60_000);

  it('a stop mid-burst, then a new app on the same database file: nothing lost, nothing posted twice, still one burst card', async () => {
    dir = mkdtempSync(join(tmpdir(), 'dutyloop-burst-'));
    const file = join(dir, 'db.sqlite');
    slack = await startFakeSlack({ channelRateLimitPerSecond: 50 });
    slack.allowStandard();
    w = await startTicketWorld({ slack, slackChannelIntervalMs: 25, db: openDb(file) });
    await burst(w, 150, 'k');
    await until(async () => cardPosts(slack!).length >= 30, 20_000);
    await w.stop();
    const postedBefore = cardPosts(slack).length;
    expect(postedBefore).toBeLessThan(150);
    w = await startTicketWorld({ slack, slackChannelIntervalMs: 25, db: openDb(file) });
    await until(
      async () => (await count(w!, 'SELECT count(*) n FROM tickets WHERE card_ts IS NOT NULL')) === 150,
      40_000,
    );
    await w.app.rt.outbox.idle();
    expect(await count(w, 'SELECT count(*) n FROM tickets')).toBe(150);
    const keys = cardKeys(slack);
    expect(keys).toHaveLength(150);
    expect(new Set(keys).size).toBe(150);
    // The restarted app kept updating the burst card it found instead of posting a second one.
    expect(burstCards(slack)).toHaveLength(1);
    expect(slack.callsTo('chat.update').filter((u) => u.ts === burstCards(slack!)[0]!.ts).length).toBeGreaterThan(0);
    expect(await count(w, 'SELECT count(*) n FROM ticket_bursts')).toBe(0);
  }, 60_000);
});
