import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PgBurstsStore } from '../../src/adapters/db/pg/bursts.store';
import type { BurstsStore } from '../../src/services/ports/tickets';
import { engines, type OpenEngine, workspaceId } from './engines';

const card = (cardTs: string, since: number) => ({
  workspaceId,
  channelId: 'C0DUTY',
  cardChannelId: 'C0DUTY',
  cardTs,
  since,
});

describe.each(engines)('the burst cards store on $name', (engine) => {
  let open: OpenEngine;
  let bursts: BurstsStore;
  beforeEach(async () => {
    open = await engine.open();
    bursts = open.name === 'sqlite' ? open.ports.repos.bursts : new PgBurstsStore(open.db);
  }, 60_000);
  afterEach(async () => {
    await open.close();
  });

  it('remembers the burst card of a channel and counts the slots its tickets took', async () => {
    expect(await bursts.get(workspaceId, 'C0DUTY')).toBeUndefined();
    await bursts.save(card('1.1', 1000));
    await bursts.countSlot(workspaceId, 'C0DUTY');
    await bursts.countSlot(workspaceId, 'C0DUTY');
    expect(await bursts.get(workspaceId, 'C0DUTY')).toEqual({ ...card('1.1', 1000), slots: 2 });
    expect(await bursts.get('T0OTHER', 'C0DUTY')).toBeUndefined();
  });

  it('starts the count again when the card is refreshed, and forgets it when the burst ends', async () => {
    await bursts.save(card('1.1', 1000));
    await bursts.countSlot(workspaceId, 'C0DUTY');
    await bursts.save(card('2.2', 2000));
    expect(await bursts.get(workspaceId, 'C0DUTY')).toEqual({ ...card('2.2', 2000), slots: 0 });
    await bursts.end(workspaceId, 'C0DUTY');
    expect(await bursts.get(workspaceId, 'C0DUTY')).toBeUndefined();
    await bursts.countSlot(workspaceId, 'C0DUTY');
    expect(await bursts.get(workspaceId, 'C0DUTY')).toBeUndefined();
  });
});
