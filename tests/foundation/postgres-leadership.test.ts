import { afterAll, describe, expect, it, vi } from 'vitest';
import { PgAdvisoryLeadership } from '../../src/adapters/db/pg/leadership';
import { Scheduler } from '../../src/adapters/jobs/scheduler';
import { silentLogger } from '../../src/adapters/logger';
import { freshPostgresDatabase, stopPostgres } from '../support/postgres';

afterAll(async () => {
  await stopPostgres();
});

describe('scheduler leadership among replicas on PostgreSQL', () => {
  it('one replica leads at a time, and another takes over when the leader goes', async () => {
    const url = await freshPostgresDatabase();
    const a = new PgAdvisoryLeadership(url, 0);
    const b = new PgAdvisoryLeadership(url, 0);
    expect(await a.isLeader()).toBe(true);
    expect(await b.isLeader()).toBe(false);
    expect(await a.isLeader()).toBe(true);
    await a.close();
    await vi.waitFor(async () => expect(await b.isLeader()).toBe(true));
    expect(await a.isLeader()).toBe(false);
    await a.close();
    await b.close();
  }, 60_000);

  it('two schedulers started together run a start-up job once, on the leader', async () => {
    const url = await freshPostgresDatabase();
    const runs: string[] = [];
    const leading: Record<string, boolean> = {};
    const schedulers = ['a', 'b'].map((name) => {
      const s = new Scheduler(
        silentLogger,
        undefined,
        new PgAdvisoryLeadership(url, 60_000),
        (l) => (leading[name] = l),
      );
      s.add({ name: 'handoff', cron: '0 9 * * 1', runOnStart: true, run: async () => void runs.push(name) });
      return s;
    });
    for (const s of schedulers) s.start();
    await vi.waitFor(() => expect(Object.keys(leading)).toHaveLength(2));
    await new Promise((r) => setTimeout(r, 100));
    expect(runs).toHaveLength(1);
    expect(Object.values(leading).filter(Boolean)).toHaveLength(1);
    for (const s of schedulers) await s.stop();
  }, 60_000);
});
