import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PgTicketsStore } from '../../src/adapters/db/pg/tickets.store';
import { PgTopicsStore } from '../../src/adapters/db/pg/topics.store';
import type { TopicsStore } from '../../src/services/ports/knowledge-store';
import type { TicketChanges, TicketsStore } from '../../src/services/ports/tickets';
import { engines, type OpenEngine, workspaceId } from './engines';

describe.each(engines)('the topics store on $name', (engine) => {
  let open: OpenEngine;
  let topics: TopicsStore;
  let tickets: TicketsStore;
  let seq = 0;
  beforeEach(async () => {
    open = await engine.open();
    if (open.name === 'sqlite') ({ topics, tickets } = open.ports.repos);
    else {
      topics = new PgTopicsStore(open.db);
      tickets = new PgTicketsStore(open.db);
    }
  }, 60_000);
  afterEach(async () => {
    await open.close();
  });

  async function ticket(
    topic: string,
    createdAt: number,
    extra: { customerKey?: string; subject?: string; text?: string } & TicketChanges = {},
  ) {
    const { customerKey, subject, text, ...changes } = extra;
    const id = (await tickets.insert({
      workspaceId,
      source: 'api',
      externalId: `t-${++seq}`,
      text: text ?? 'help',
      topic,
      customerKey,
      subject,
      createdAt,
      updatedAt: createdAt,
    }))!;
    if (Object.keys(changes).length) await tickets.update(workspaceId, id, changes);
    return id;
  }

  it('counts tickets and distinct customers per topic created in the window', async () => {
    await ticket('billing', 100, { customerKey: 'acme' });
    await ticket('billing', 200, { customerKey: 'acme' });
    await ticket('billing', 300, { customerKey: 'globex' });
    await ticket('login', 400);
    await ticket('login', 1000, { customerKey: 'acme' });
    const counts = await topics.counts(workspaceId, 100, 1000);
    expect(counts.sort((a, b) => a.topic.localeCompare(b.topic))).toEqual([
      { topic: 'billing', tickets: 3, customers: 2 },
      { topic: 'login', tickets: 1, customers: 0 },
    ]);
    expect(await topics.counts('T0OTHER', 0, 1000)).toEqual([]);
  });

  it("gives each topic's median time to the end asked for: the middle value, or the mean of the middle two", async () => {
    await ticket('billing', 100, { firstResponseAt: 110, resolvedAt: 200 });
    await ticket('billing', 100, { firstResponseAt: 130, resolvedAt: 500 });
    await ticket('billing', 100, { firstResponseAt: 200 });
    await ticket('login', 100, { firstResponseAt: 105, resolvedAt: 150 });
    await ticket('login', 100, { firstResponseAt: 110 });
    await ticket('other', 100);
    const byTopic = async (end: 'first_response_at' | 'resolved_at') =>
      (await topics.medians(workspaceId, 0, 1000, end)).sort((a, b) => a.topic.localeCompare(b.topic));
    expect(await byTopic('first_response_at')).toEqual([
      { topic: 'billing', median: 30 },
      { topic: 'login', median: 7.5 },
    ]);
    expect(await byTopic('resolved_at')).toEqual([
      { topic: 'billing', median: 250 },
      { topic: 'login', median: 50 },
    ]);
  });

  it('reads the newest texts of one topic in the window, with the subject first', async () => {
    await ticket('other', 100, { subject: 'Export', text: 'stops at 10k rows' });
    await ticket('other', 300, { text: 'newest' });
    await ticket('other', 200, { text: 'middle' });
    await ticket('billing', 250, { text: 'another topic' });
    expect(await topics.texts(workspaceId, 'other', 0, 1000, 2)).toEqual(['newest', 'middle']);
    expect(await topics.texts(workspaceId, 'other', 0, 150, 5)).toEqual(['Export stops at 10k rows']);
  });
});
