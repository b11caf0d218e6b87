import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { freshPostgresDatabase, stopPostgres, testDatabaseServer } from '../support/postgres';
import { count, dutyChannel, postTicket, startTicketWorld, type TicketWorld } from '../tickets/support/world';

/**
 * What a PostgreSQL failover or restart looks like from dutyloop: the server
 * drops every connection, in the middle of statements and of transactions.
 */
let w: TicketWorld | undefined;
afterEach(async () => {
  await w?.stop();
  w = undefined;
});
afterAll(async () => {
  await stopPostgres();
});

/** Drops every connection to `database` but the admin's own, every `everyMs` until stopped; how many it dropped. */
function dropConnectionsRepeatedly(admin: pg.Client, database: string, everyMs: number) {
  let running = true;
  let dropped = 0;
  const loop = (async () => {
    while (running) {
      const { rows } = await admin.query<{ n: number }>(
        'SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [database],
      );
      dropped += rows[0]!.n;
      await delay(everyMs);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return dropped;
    },
  };
}

describe('a lost connection to PostgreSQL', () => {
  it('loses no ticket: 200 posted by 8 clients while the server keeps dropping the connections are all stored, and each gets one card, and the process keeps serving', async () => {
    const url = await freshPostgresDatabase();
    w = await startTicketWorld({ env: { DATABASE_URL: url } });
    const admin = new pg.Client({ connectionString: await testDatabaseServer() });
    await admin.connect();
    const drops = dropConnectionsRepeatedly(admin, new URL(url).pathname.slice(1), 150);
    const failures: string[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async (_, client) => {
        for (let i = 0; i < 25; i++) {
          const res = await postTicket(w!, { source: 'form', externalId: `L-${client}-${i}`, text: `Ticket ${i}` });
          if (res.status !== 201) failures.push(`${res.status} ${await res.text()}`);
        }
      }),
    );
    const dropped = await drops.stop();
    await admin.end();

    expect(dropped).toBeGreaterThan(0);
    expect(failures).toEqual([]);
    expect(await count(w, "SELECT count(*) n FROM tickets WHERE source = 'form'")).toBe(200);
    // Writes that met a dropped connection are retried after a back-off: wait for the last card.
    const cardKeys = () =>
      w!.slack
        .callsTo('chat.postMessage')
        .filter((a) => a.channel === dutyChannel)
        .map((a) => (a.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key ?? '')
        .filter((key) => key.startsWith('ticket.card:'));
    await vi.waitFor(() => expect(new Set(cardKeys()).size).toBe(200), { timeout: 60_000, interval: 200 });
    await w.app.rt.outbox.idle();
    expect(cardKeys()).toHaveLength(200);
    const stored = await count(w, "SELECT count(*) n FROM tickets WHERE source = 'form' AND card_ts IS NOT NULL");
    expect(stored).toBe(200);
    expect((await fetch(`${w.app.url}/healthz`)).status).toBe(200);
  }, 120_000);
});
