import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PgSwapsStore } from '../../src/adapters/db/pg/swaps.store';
import type { SwapsStore } from '../../src/services/ports/rotation';
import { engines, type OpenEngine, workspaceId } from './engines';

const request = (fromPeriod: number) => ({
  workspaceId,
  requestedBy: 'U1',
  fromTeamId: 1,
  fromPeriod,
  toTeamId: 2,
  toPeriod: fromPeriod + 1,
  expiresAt: 9000,
  createdAt: 1000,
});

describe.each(engines)('the swap requests store on $name', (engine) => {
  let open: OpenEngine;
  let swaps: SwapsStore;
  beforeEach(async () => {
    open = await engine.open();
    swaps = open.name === 'sqlite' ? open.ports.repos.swaps : new PgSwapsStore(open.db);
  }, 60_000);
  afterEach(async () => {
    await open.close();
  });

  it('keeps a new request pending, found by id in its own workspace', async () => {
    const created = await swaps.create(request(3));
    expect(created).toEqual({ ...request(3), id: expect.any(Number), status: 'pending' });
    expect(await swaps.get(workspaceId, created.id)).toEqual(created);
    expect(await swaps.get('T0OTHER', created.id)).toBeUndefined();
  });

  it('settles a request once, and lists only those still waiting', async () => {
    const a = await swaps.create(request(3));
    const b = await swaps.create(request(5));
    expect(await swaps.settle(a.id, 'accepted')).toBe(true);
    expect(await swaps.settle(a.id, 'declined')).toBe(false);
    expect((await swaps.get(workspaceId, a.id))?.status).toBe('accepted');
    expect((await swaps.pending(workspaceId)).map((s) => s.id)).toEqual([b.id]);
    expect(await swaps.pending('T0OTHER')).toEqual([]);
  });
});
