import { afterEach, describe, expect, it } from 'vitest';
import { createContext } from '../../src/app/context';
import { silentLogger } from '../../src/adapters/logger';
import { ManualClock } from '../../src/domain/clock';
import type { Ctx } from '../../src/services/context';
import { inSavepoint, inTransaction } from '../../src/services/transaction';
import { memoryDb, teamId, testConfig } from '../support/app';
import { ensureWorkspace } from '../../src/adapters/db/workspace.repo';
import type { DbHandle } from '../../src/adapters/db/client';

const handles: DbHandle[] = [];
afterEach(() => {
  for (const h of handles.splice(0)) h.close();
});

function setup() {
  const h = memoryDb();
  handles.push(h);
  ensureWorkspace(h.db, teamId);
  const { ctx, uow } = createContext({
    db: h.db,
    clock: new ManualClock(Date.parse('2026-11-24T10:00:00Z')),
    log: silentLogger,
    config: testConfig(),
    workspaceId: teamId,
  });
  const wakes: number[] = [];
  uow.onCommitWithOutbox(() => wakes.push(Date.now()));
  return { ctx, wakes };
}

const ticket = (externalId: string) => ({
  workspaceId: teamId,
  source: 'api',
  externalId,
  text: 'The export button does nothing',
  createdAt: 1,
  updatedAt: 1,
});

async function queueOne(tx: Ctx, key: string) {
  await tx.repos.outbox.enqueue(teamId, { kind: 'test', lane: 'test', payload: {}, dedupeKey: key }, 1);
}

describe('unit of work', () => {
  it('commits the writes and the queued outbox rows together, then wakes the outbox once', async () => {
    const { ctx, wakes } = setup();
    const id = await inTransaction(ctx, async (tx) => {
      const id = await tx.repos.tickets.insert(ticket('a'));
      await queueOne(tx, 'a1');
      await queueOne(tx, 'a2');
      expect(wakes).toHaveLength(0);
      return id;
    });
    expect(wakes).toHaveLength(1);
    expect(await ctx.repos.tickets.byId(teamId, id!)).toMatchObject({ externalId: 'a' });
  });

  it('keeps nothing of a unit of work that throws, and does not wake the outbox', async () => {
    const { ctx, wakes } = setup();
    await expect(
      inTransaction(ctx, async (tx) => {
        await tx.repos.tickets.insert(ticket('b'));
        await queueOne(tx, 'b1');
        throw new Error('Slack said no');
      }),
    ).rejects.toThrow('Slack said no');
    expect(await ctx.repos.tickets.idBySourceExternal(teamId, 'api', 'b')).toBeUndefined();
    expect(wakes).toHaveLength(0);
    // The database is usable afterwards: the transaction was rolled back, not left open.
    await inTransaction(ctx, async (tx) => void (await tx.repos.tickets.insert(ticket('b'))));
    expect(await ctx.repos.tickets.idBySourceExternal(teamId, 'api', 'b')).toBeTypeOf('number');
  });

  it('undoes a savepoint that throws and keeps the rest of its unit of work', async () => {
    const { ctx, wakes } = setup();
    const outcomes = await inTransaction(ctx, async (tx) => {
      const outcomes: string[] = [];
      for (const key of ['c', 'd', 'e']) {
        try {
          await inSavepoint(tx, async (sp) => {
            await sp.repos.tickets.insert(ticket(key));
            await queueOne(sp, `${key}1`);
            if (key === 'd') throw new Error('bad ticket');
          });
          outcomes.push(`${key} stored`);
        } catch {
          outcomes.push(`${key} refused`);
        }
      }
      return outcomes;
    });
    expect(outcomes).toEqual(['c stored', 'd refused', 'e stored']);
    expect(await ctx.repos.tickets.idBySourceExternal(teamId, 'api', 'c')).toBeTypeOf('number');
    expect(await ctx.repos.tickets.idBySourceExternal(teamId, 'api', 'd')).toBeUndefined();
    expect(await ctx.repos.tickets.idBySourceExternal(teamId, 'api', 'e')).toBeTypeOf('number');
    expect(wakes).toHaveLength(1);
  });

  it('lets a read outside wait for an open unit of work rather than see half of it', async () => {
    const { ctx } = setup();
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    const writing = inTransaction(ctx, async (tx) => {
      await tx.repos.tickets.insert(ticket('c'));
      await held;
      throw new Error('changed my mind');
    }).catch(() => 'rolled back');
    await new Promise((r) => setTimeout(r, 5));
    const reading = ctx.repos.tickets.idBySourceExternal(teamId, 'api', 'c');
    release();
    expect(await writing).toBe('rolled back');
    expect(await reading).toBeUndefined();
  });

  it('joins a unit of work started inside another: one transaction, one wake', async () => {
    const { ctx, wakes } = setup();
    await inTransaction(ctx, async (tx) => {
      await inTransaction(tx, async (inner) => queueOne(inner, 'd1'));
      await queueOne(tx, 'd2');
    });
    expect(wakes).toHaveLength(1);
  });

  it('queues messages sent through notify inside the unit of work with it', async () => {
    const { ctx, wakes } = setup();
    await expect(
      inTransaction(ctx, async (tx) => {
        await tx.repos.outbox.enqueue(teamId, { kind: 'test', lane: 'x', payload: {}, dedupeKey: 'e1' }, 1);
        throw new Error('no');
      }),
    ).rejects.toThrow();
    await inTransaction(ctx, async (tx) => queueOne(tx, 'e1'));
    expect(wakes).toHaveLength(1);
  });
});
