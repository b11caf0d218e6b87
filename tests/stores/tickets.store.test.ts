import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PgTicketsStore } from '../../src/adapters/db/pg/tickets.store';
import type { TicketsStore } from '../../src/services/ports/tickets';
import { engines, type OpenEngine, workspaceId } from './engines';

const intake = (externalId: string, extra: Record<string, unknown> = {}) => ({
  workspaceId,
  source: 'api',
  externalId,
  text: 'The CSV export stops at 10,000 rows',
  createdAt: Date.parse('2026-11-20T10:00:00Z'),
  updatedAt: Date.parse('2026-11-20T10:00:00Z'),
  ...extra,
});

describe.each(engines)('the tickets store on $name', (engine) => {
  let open: OpenEngine;
  let tickets: TicketsStore;
  beforeEach(async () => {
    open = await engine.open();
    tickets = open.name === 'sqlite' ? open.ports.repos.tickets : new PgTicketsStore(open.db);
  }, 60_000);
  afterEach(async () => {
    await open.close();
  });

  it('stores a ticket once per source and external id, with the defaults a new ticket has', async () => {
    const id = await tickets.insert(intake('zd-1', { originChannelId: 'C1', originTs: '1.2' }));
    expect(id).toBeTypeOf('number');
    expect(await tickets.insert(intake('zd-1'))).toBeNull();
    const t = await tickets.byId(workspaceId, id!);
    expect(t).toMatchObject({ status: 'open', priority: 'normal', topic: 'other', externalId: 'zd-1' });
    expect(t!.createdAt).toBe(Date.parse('2026-11-20T10:00:00Z'));
    expect(await tickets.idBySourceExternal(workspaceId, 'api', 'zd-1')).toBe(id);
    expect(await tickets.idByOrigin(workspaceId, 'C1', '1.2')).toBe(id);
    expect((await tickets.byOrigin(workspaceId, 'C1', '1.2'))?.id).toBe(id);
    expect(await tickets.byId('T0OTHER', id!)).toBeUndefined();
  });

  it('finds a ticket by its card once it has one, and keeps what an update sets', async () => {
    const id = (await tickets.insert(intake('zd-2')))!;
    await tickets.update(workspaceId, id, {
      cardChannelId: 'C0DUTY',
      cardTs: '9.9',
      status: 'claimed',
      claimedBy: 'U1',
    });
    expect(await tickets.byCard(workspaceId, 'C0DUTY', '9.9')).toMatchObject({
      id,
      status: 'claimed',
      claimedBy: 'U1',
    });
  });

  it('keeps events in order with their data, and tells whether one happened', async () => {
    const id = (await tickets.insert(intake('zd-3')))!;
    expect(await tickets.hasEvent(id, 'files')).toBe(false);
    expect(await tickets.eventData(id, 'files')).toBeUndefined();
    await tickets.addEvent(workspaceId, id, 'files', 'U1', 1, [{ name: 'log.txt', size: 12 }]);
    await tickets.addEvent(workspaceId, id, 'files', 'U1', 2, [{ name: 'second.txt' }]);
    await tickets.addEvent(workspaceId, id, 'claimed', 'U2', 3);
    expect(await tickets.hasEvent(id, 'files')).toBe(true);
    expect(await tickets.eventData(id, 'files')).toEqual([{ name: 'log.txt', size: 12 }]);
    expect(await tickets.eventData(id, 'claimed')).toBeNull();
  });

  it('lists the unresolved tickets whose next reminder is due, and counts resolved and open tickets', async () => {
    const at = Date.parse('2026-11-20T10:00:00Z');
    const due = (await tickets.insert(intake('zd-4', { nextTargetAt: at - 1 })))!;
    await tickets.insert(intake('zd-5', { nextTargetAt: at + 60_000 }));
    const resolved = (await tickets.insert(intake('zd-6', { nextTargetAt: at - 1 })))!;
    await tickets.update(workspaceId, resolved, { status: 'resolved', resolvedBy: 'U1', resolvedAt: at - 10 });
    expect(await tickets.dueForTargets(workspaceId, at)).toEqual([
      { id: due, createdAt: at, firstResponseAt: null, resolvedAt: null },
    ]);
    expect(await tickets.countOpen(workspaceId)).toBe(2);
    expect(await tickets.countResolvedBetween(workspaceId, at - 10, at)).toBe(1);
    expect(await tickets.countResolvedBetween(workspaceId, at - 9, at)).toBe(0);
    expect(await tickets.countOpen('T0OTHER')).toBe(0);
  });

  it('counts the tickets still waiting for their first card, and reads the newest of their texts', async () => {
    const first = (await tickets.insert(intake('zd-7', { text: 'first' })))!;
    await tickets.insert(intake('zd-8', { text: 'second' }));
    await tickets.insert(intake('zd-9', { text: 'third' }));
    await tickets.update(workspaceId, first, { cardChannelId: 'C0DUTY', cardTs: '1.1' });
    expect(await tickets.countWaitingForCard(workspaceId)).toBe(2);
    expect(await tickets.textsWaitingForCard(workspaceId, 5)).toEqual(['third', 'second']);
    expect(await tickets.textsWaitingForCard(workspaceId, 1)).toEqual(['third']);
    expect(await tickets.countWaitingForCard('T0OTHER')).toBe(0);
  });

  it('finds or creates a customer by key, keeping the first details it was given', async () => {
    const a = await tickets.upsertCustomer(workspaceId, 'acme', { name: 'Ada', company: 'Acme' }, 5);
    const b = await tickets.upsertCustomer(workspaceId, 'acme', { name: 'Someone else' }, 6);
    expect(b).toBe(a);
    expect(await tickets.customer(a)).toMatchObject({ key: 'acme', name: 'Ada', company: 'Acme', email: null });
  });

  it("takes many tickets at once: each result in its row's place, a key seen before or twice in the batch stored once", async () => {
    const before = (await tickets.insert(intake('many-0')))!;
    const ids = await tickets.insertMany([
      intake('many-1', { subject: 'Export', priority: 'high', topic: 'exports' }),
      intake('many-0'),
      intake('many-2', { text: 'Nul-free: "quotes", {braces}, back\\slash, and 日本語' }),
      intake('many-1'),
    ]);
    expect(ids[1]).toBeNull();
    expect(ids[3]).toBeNull();
    expect(ids[0]).toBeTypeOf('number');
    expect(ids[2]).toBeGreaterThan(ids[0]!);
    expect(await tickets.byId(workspaceId, ids[0]!)).toMatchObject({
      subject: 'Export',
      priority: 'high',
      topic: 'exports',
    });
    expect((await tickets.byId(workspaceId, ids[2]!))?.text).toBe(
      'Nul-free: "quotes", {braces}, back\\slash, and 日本語',
    );
    expect(await tickets.idBySourceExternal(workspaceId, 'api', 'many-0')).toBe(before);
    expect(await tickets.idBySourceExternal(workspaceId, 'api', 'many-1')).toBe(ids[0]);
    expect(await tickets.insertMany([])).toEqual([]);
  });

  it('adds many events at once, with their data', async () => {
    const [a, b] = (await tickets.insertMany([intake('ev-1'), intake('ev-2')])) as number[];
    await tickets.addEvents([
      { workspaceId, ticketId: a!, type: 'created', actor: 'U1', at: 1, data: { source: 'api' } },
      {
        workspaceId,
        ticketId: a!,
        type: 'files',
        actor: null,
        at: 1,
        data: [{ name: 'log "1".txt', permalink: null }],
      },
      { workspaceId, ticketId: b!, type: 'created', actor: null, at: 2 },
    ]);
    await tickets.addEvents([]);
    expect(await tickets.eventData(a!, 'created')).toEqual({ source: 'api' });
    expect(await tickets.eventData(a!, 'files')).toEqual([{ name: 'log "1".txt', permalink: null }]);
    expect(await tickets.hasEvent(b!, 'created')).toBe(true);
    expect(await tickets.hasEvent(b!, 'files')).toBe(false);
  });

  it('finds or creates many customers at once: a known key keeps its customer, a key given twice is one new customer', async () => {
    const known = await tickets.upsertCustomer(workspaceId, 'company:acme', { company: 'Acme' }, 5);
    const ids = await tickets.upsertCustomers(
      workspaceId,
      [
        { key: 'email:ada@example.com', fields: { email: 'ada@example.com', name: 'Ada' } },
        { key: 'company:acme', fields: { company: 'Someone else' } },
        { key: 'email:ada@example.com', fields: { email: 'ada@example.com', name: 'Not Ada' } },
      ],
      6,
    );
    expect(ids[1]).toBe(known);
    expect(ids[2]).toBe(ids[0]);
    expect(ids[0]).not.toBe(known);
    expect(await tickets.customer(ids[0]!)).toMatchObject({ key: 'email:ada@example.com', name: 'Ada', createdAt: 6 });
    expect(await tickets.customer(known)).toMatchObject({ company: 'Acme' });
    expect(await tickets.upsertCustomers(workspaceId, [], 7)).toEqual([]);
  });
});
