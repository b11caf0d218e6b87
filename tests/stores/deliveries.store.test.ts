import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PgDeliveriesStore } from '../../src/adapters/db/pg/deliveries.store';
import type { DeliveriesStore } from '../../src/services/ports/deliveries';
import { engines, type OpenEngine } from './engines';

describe.each(engines)('the deliveries store on $name', (engine) => {
  let open: OpenEngine;
  let deliveries: DeliveriesStore;
  beforeEach(async () => {
    open = await engine.open();
    deliveries = open.name === 'sqlite' ? open.ports.repos.deliveries : new PgDeliveriesStore(open.db);
  }, 60_000);
  afterEach(async () => {
    await open.close();
  });

  it('accepts a delivery once per source: a redelivery is recognised', async () => {
    expect(await deliveries.mark('github', 'd-1', 1000)).toBe(true);
    expect(await deliveries.mark('github', 'd-1', 2000)).toBe(false);
    expect(await deliveries.mark('linear', 'd-1', 2000)).toBe(true);
  });
});
