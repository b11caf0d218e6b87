import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { pgPorts } from '../../src/adapters/db/pg/repositories';
import { sqlitePorts } from '../../src/adapters/db/repositories';
import type { EngineUnitOfWork } from '../../src/adapters/db/engine';
import type { Ctx } from '../../src/services/context';
import type { Notify } from '../../src/services/ports/notify';
import type { Repositories } from '../../src/services/ports/repositories';
import { engines, type OpenEngine, select, workspaceId } from './engines';

const intake = (externalId: string) => ({
  workspaceId,
  source: 'api',
  externalId,
  text: 'help',
  createdAt: 1,
  updatedAt: 1,
});
const note = (dedupeKey: string) => ({ kind: 'note', lane: 'slack:post:C1', payload: {}, dedupeKey });

describe.each(engines)('the stores and unit of work of $name', (engine) => {
  let open: OpenEngine;
  /** What both engines' ports offer the wiring. */
  let ports: {
    repos: Repositories;
    uow: EngineUnitOfWork;
  };
  let wakes: number;
  let created: string[];
  let ctx: Ctx;
  beforeEach(async () => {
    open = await engine.open();
    created = [];
    const observer = { ticketCreated: (source: string) => created.push(source) };
    ports = open.name === 'sqlite' ? sqlitePorts(open.db, observer) : pgPorts(open.db, observer);
    wakes = 0;
    ports.uow.onCommitWithOutbox(() => wakes++);
    ports.uow.bindNotify(() => ({}) as Notify);
    ctx = { repos: ports.repos, uow: ports.uow, workspaceId } as unknown as Ctx;
  }, 60_000);
  afterEach(async () => {
    await open.close();
  });

  it('commits what a unit of work stores together, and wakes the outbox once after it', async () => {
    await ports.uow.run(ctx, async (tx) => {
      await tx.repos.tickets.insert(intake('a'));
      await tx.repos.outbox.enqueue(workspaceId, note('k1'), 1);
      await tx.repos.outbox.enqueue(workspaceId, note('k2'), 1);
      expect(wakes).toBe(0);
    });
    expect(wakes).toBe(1);
    expect(await ports.repos.tickets.idBySourceExternal(workspaceId, 'api', 'a')).toBeTypeOf('number');
  });

  it('undoes everything a failed unit of work stored, and wakes nobody', async () => {
    await expect(
      ports.uow.run(ctx, async (tx) => {
        await tx.repos.tickets.insert(intake('a'));
        await tx.repos.tokens.create(workspaceId, 'zendesk', 'secret', 1);
        await tx.repos.outbox.enqueue(workspaceId, note('k1'), 1);
        throw new Error('Slack said no');
      }),
    ).rejects.toThrow('Slack said no');
    expect(wakes).toBe(0);
    expect(await ports.repos.tickets.idBySourceExternal(workspaceId, 'api', 'a')).toBeUndefined();
    expect(await ports.repos.tokens.list(workspaceId)).toEqual([]);
  });

  it('wakes the outbox at once for a row queued outside a unit of work', async () => {
    await ports.repos.outbox.enqueue(workspaceId, note('k1'), 1);
    expect(wakes).toBe(1);
  });

  it('counts a ticket created once its unit of work commits, and not one undone with its savepoint', async () => {
    await ports.uow.run(ctx, async (tx) => {
      await tx.repos.tickets.insert({ ...intake('a'), source: 'zendesk' });
      await tx.uow
        .savepoint(tx, async (sp) => {
          await sp.repos.tickets.insert(intake('b'));
          throw new Error('this one fails alone');
        })
        .catch(() => undefined);
      await tx.uow.savepoint(tx, (sp) => sp.repos.tickets.insert(intake('c')));
      await tx.repos.tickets.insert({ ...intake('a'), source: 'zendesk' });
      expect(created).toEqual([]);
    });
    expect(created).toEqual(['zendesk', 'api']);
    expect(await ports.repos.tickets.idBySourceExternal(workspaceId, 'api', 'b')).toBeUndefined();
    await ports.uow
      .run(ctx, async (tx) => {
        await tx.repos.tickets.insert(intake('d'));
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    await ports.repos.tickets.insert(intake('e'));
    expect(created).toEqual(['zendesk', 'api', 'api']);
  });

  it('queues many outbox rows at once, in order, keeping the first row of a dedupe key, and wakes the outbox once', async () => {
    await ports.uow.run(ctx, async (tx) => {
      await tx.repos.outbox.enqueue(workspaceId, note('seen'), 1);
      await tx.repos.outbox.enqueueMany(workspaceId, [note('m1'), note('seen'), note('m2'), note('m1')], 2);
    });
    expect(wakes).toBe(1);
    const rows = await select<{ dedupe_key: string; created_at: number }>(
      open,
      sql`SELECT dedupe_key, created_at FROM outbox ORDER BY id`,
    );
    expect(rows.map((r) => [r.dedupe_key, Number(r.created_at)])).toEqual([
      ['seen', 1],
      ['m1', 2],
      ['m2', 2],
    ]);
  });

  it('counts each ticket of a batch once it commits', async () => {
    await ports.uow.run(ctx, async (tx) => {
      await tx.repos.tickets.insertMany([{ ...intake('a'), source: 'zendesk' }, intake('b'), intake('b')]);
      expect(created).toEqual([]);
    });
    expect(created).toEqual(['zendesk', 'api']);
  });
});
