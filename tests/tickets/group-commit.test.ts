import { afterEach, describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/services/context';
import type { Repositories } from '../../src/services/ports/repositories';
import type { UnitOfWork } from '../../src/services/ports/unit-of-work';
import { createTicketsWithGroupCommit } from '../../src/services/tickets/create-tickets-with-group-commit';
import { count, dutyChannel, startTicketWorld, type TicketWorld } from './support/world';

let w: TicketWorld | undefined;
afterEach(async () => {
  await w?.stop();
  w = undefined;
});

/** The stores of `repos`, except that storing a ticket whose text says "poison" fails as a database would. */
function poisoned(repos: Repositories): Repositories {
  const refuse = (texts: string[]) => {
    if (texts.some((t) => t.includes('poison'))) throw new Error('invalid byte sequence for encoding "UTF8"');
  };
  // On the store itself (a class instance on PostgreSQL): everything else it does stays as it is.
  const tickets: Repositories['tickets'] = Object.create(repos.tickets);
  tickets.insert = async (row) => {
    refuse([row.text]);
    return repos.tickets.insert(row);
  };
  tickets.insertMany = async (rows) => {
    refuse(rows.map((r) => r.text));
    return repos.tickets.insertMany(rows);
  };
  return { ...repos, tickets };
}

/** `ctx` whose units of work see the poisoned stores. */
function withPoisonedStores(ctx: Ctx): Ctx {
  const real = ctx.uow;
  const uow: UnitOfWork<Ctx> = {
    run: (c, fn) => real.run(c, (tx) => fn({ ...tx, repos: poisoned(tx.repos) })),
    savepoint: (c, fn) => real.savepoint(c, (tx) => fn({ ...tx, repos: poisoned(tx.repos) })),
  };
  return { ...ctx, uow };
}

describe('tickets written together', () => {
  it('one ticket the database refuses fails alone: the others of its batch are stored and get their cards', async () => {
    w = await startTicketWorld();
    const create = createTicketsWithGroupCommit(withPoisonedStores(w.app.rt.ctx));
    const texts = ['Export is slow', 'Login loops', 'poison', 'Invoices are blank', 'Export is slow again'];
    const settled = await Promise.allSettled(
      texts.map((text, i) => create({ source: 'zendesk', externalId: `ZD-${i}`, text })),
    );
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(String((settled[2] as PromiseRejectedResult).reason)).toContain('invalid byte sequence');
    expect(await count(w, "SELECT count(*) AS n FROM tickets WHERE source = 'zendesk'")).toBe(4);
    await w.app.rt.outbox.idle();
    const cards = w.slack.callsTo('chat.postMessage').filter((a) => a.channel === dutyChannel);
    expect(cards).toHaveLength(4);
    expect(JSON.stringify(cards)).not.toContain('poison');
  });

  it('the same external id twice in one batch is one ticket, and both callers hear its id', async () => {
    w = await startTicketWorld();
    const create = createTicketsWithGroupCommit(w.app.rt.ctx);
    const [a, b, c] = await Promise.all([
      create({ source: 'zendesk', externalId: 'ZD-7', text: 'Export is slow' }),
      create({ source: 'zendesk', externalId: 'ZD-7', text: 'Export is slow' }),
      create({ source: 'zendesk', externalId: 'ZD-8', text: 'Login loops' }),
    ]);
    expect(a).toEqual({ id: a!.id, created: true });
    expect(b).toEqual({ id: a!.id, created: false });
    expect(c!.created).toBe(true);
    expect(await count(w, "SELECT count(*) AS n FROM tickets WHERE source = 'zendesk'")).toBe(2);
    await w.app.rt.outbox.idle();
    expect(w.slack.callsTo('chat.postMessage').filter((x) => x.channel === dutyChannel)).toHaveLength(2);
  });
});
