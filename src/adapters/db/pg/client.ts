import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { parse, toClientConfig } from 'pg-connection-string';
import { migrationsFolderOf } from '../client';
import { refuseNewerSchema } from '../schema-version';
import * as schema from './schema';
import { withRetries } from './retry';

export type PgSchema = typeof schema;
export type PgDb = NodePgDatabase<PgSchema>;

export interface PgHandle {
  db: PgDb;
  pool: pg.Pool;
  close(): Promise<void>;
}

// Epoch milliseconds and counts are bigint in PostgreSQL; they fit a JavaScript number exactly.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/**
 * The connection settings of a postgres:// URL, its `sslmode` read as libpq
 * (and so psql, and every platform team's runbook) reads it: `require`
 * encrypts, `verify-ca` also checks the certificate against `sslrootcert`,
 * `verify-full` also checks it names the host. node-postgres 8 on its own
 * takes `require` for `verify-full`, which refuses the managed databases
 * whose certificate authority Node does not ship.
 */
export function pgClientConfig(url: string): pg.ClientConfig {
  // Left alone when the URL says itself how to read sslmode.
  const asLibpq = !/[?&]uselibpqcompat=/i.test(url);
  return toClientConfig(parse(url, { useLibpqCompat: asLibpq }));
}

/** A pool on `url` (sized by DATABASE_POOL_SIZE, default 10), TLS when the URL asks for it (sslmode=require). */
export function openPostgres(url: string, options: { poolSize?: number } = {}): PgHandle {
  // A server that never answers fails the connection after 10 s rather than hanging start-up or a request.
  const pool = new pg.Pool({ ...pgClientConfig(url), max: options.poolSize ?? 10, connectionTimeoutMillis: 10_000 });
  // An idle client that loses its server is dropped by the pool; the next query gets a fresh one.
  pool.on('error', () => undefined);
  // A client checked out (in a transaction, between statements) that loses its server would otherwise throw
  // from an 'error' event no one hears and end the process; its next statement fails instead, the unit of
  // work runs again on a fresh connection, and the pool drops the broken client when it comes back.
  pool.on('connect', (client) => client.on('error', () => undefined));
  retryReadsOnLostConnection(pool);
  releaseOnFailedBegin(pool);
  const db = drizzle(pool, { schema });
  return { db, pool, close: () => pool.end() };
}

/**
 * A SELECT run on the pool (outside any transaction) whose connection was
 * lost runs again on a fresh one: it changed nothing. Writes outside a
 * transaction are not retried here, since one may have taken effect before
 * the connection dropped; units of work retry theirs as a whole.
 */
function retryReadsOnLostConnection(pool: pg.Pool): void {
  const query = pool.query.bind(pool) as (config: unknown, values?: unknown) => Promise<pg.QueryResult>;
  const textOf = (config: unknown) => (typeof config === 'string' ? config : (config as { text?: string }).text);
  const retrying = (config: unknown, values?: unknown): Promise<pg.QueryResult> =>
    /^\s*select\b/i.test(textOf(config) ?? '') ? withRetries(() => query(config, values)) : query(config, values);
  pool.query = retrying as unknown as typeof pool.query;
}

/**
 * drizzle's transaction sends BEGIN on the connection it checked out before
 * the `try` whose `finally` gives the connection back: a BEGIN that fails (the
 * connection was lost just then) would keep it checked out for ever, and the
 * pool, one connection short each time, would end up stalling every query.
 * Here such a connection goes back to the pool, which discards it.
 */
function releaseOnFailedBegin(pool: pg.Pool): void {
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  const guarded = new WeakSet<pg.PoolClient>();
  pool.connect = ((...args: unknown[]) => {
    // pg-pool's own pool.query asks with a callback and gives the connection back itself.
    if (args.length > 0) return connect(...args);
    return (connect() as Promise<pg.PoolClient>).then((client) => {
      if (!guarded.has(client)) {
        guarded.add(client);
        const query = client.query.bind(client) as (...a: unknown[]) => unknown;
        client.query = ((...a: unknown[]) => {
          const config = a[0] as string | { text?: string } | undefined;
          const text = typeof config === 'string' ? config : config?.text;
          const result = query(...a);
          if (text !== 'begin' || !(result instanceof Promise)) return result;
          return result.catch((err: unknown) => {
            client.release(err instanceof Error ? err : true);
            throw err;
          });
        }) as typeof client.query;
      }
      return client;
    });
  }) as typeof pool.connect;
}

/** The advisory lock replicas take turns on while migrating (any fixed key, the same in every replica). */
const migrationLockKey = 7_402_019_312;

/**
 * Applies migrations/postgres. Replicas starting together take turns under an
 * advisory lock, so each migration runs once; a schema newer than this
 * version's is refused before anything is applied.
 */
export async function migratePostgres({ db, pool }: Pick<PgHandle, 'db' | 'pool'>): Promise<void> {
  const folder = migrationsFolderOf('postgres');
  // A connection of its own for the lock: the migration itself takes one from the pool, which may hold only one.
  const lock = new pg.Client(pool.options);
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
    const journal = await lock.query<{ name: string | null }>(
      "SELECT to_regclass('drizzle.__drizzle_migrations')::text AS name",
    );
    if (journal.rows[0]?.name) {
      const applied = await lock.query<{ at: string | null }>(
        'SELECT max(created_at)::text AS at FROM drizzle.__drizzle_migrations',
      );
      const at = applied.rows[0]?.at;
      refuseNewerSchema(folder, at === null || at === undefined ? null : Number(at));
    }
    await migrate(db, { migrationsFolder: folder });
  } finally {
    await lock.end().catch(() => undefined);
  }
}
