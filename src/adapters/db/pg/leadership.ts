import pg from 'pg';
import type { Leadership } from '../../jobs/leadership';
import { pgClientConfig } from './client';

/** The advisory lock the scheduler's leader holds: any fixed 64-bit key, the same in every replica. */
const schedulerLockKey = 7_402_019_311;

/**
 * Scheduler leadership among replicas on one PostgreSQL: the leader holds a
 * session-level advisory lock on a connection of its own. If the leader dies or
 * loses that connection, the server releases the lock and the next replica to
 * ask (every `retryMs`) takes over.
 */
export class PgAdvisoryLeadership implements Leadership {
  private client: pg.Client | undefined;
  private leading = false;
  private lastTry = Number.NEGATIVE_INFINITY;
  private attempt: Promise<boolean> | undefined;

  constructor(
    private readonly url: string,
    private readonly retryMs = 5_000,
  ) {}

  async isLeader(): Promise<boolean> {
    if (this.leading) return true;
    // Jobs asking while an attempt is under way (the start-up catch-up runs, together) wait for its answer.
    if (this.attempt) return this.attempt;
    if (Date.now() - this.lastTry < this.retryMs) return false;
    this.lastTry = Date.now();
    this.attempt = this.tryLock().finally(() => {
      this.attempt = undefined;
    });
    return this.attempt;
  }

  private async tryLock(): Promise<boolean> {
    try {
      const client = await this.connection();
      const res = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [schedulerLockKey]);
      this.leading = res.rows[0]?.ok === true;
    } catch {
      await this.drop();
    }
    return this.leading;
  }

  async close(): Promise<void> {
    await this.drop();
  }

  private async connection(): Promise<pg.Client> {
    if (this.client) return this.client;
    const client = new pg.Client(pgClientConfig(this.url));
    // The lock goes with the connection: when it breaks, so does the leadership.
    client.on('error', () => void this.drop());
    client.on('end', () => {
      if (this.client === client) {
        this.client = undefined;
        this.leading = false;
      }
    });
    await client.connect();
    this.client = client;
    return client;
  }

  private async drop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.leading = false;
    await client?.end().catch(() => undefined);
  }
}
