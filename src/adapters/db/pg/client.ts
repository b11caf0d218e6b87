import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { migrationsFolderOf } from '../client';
import { refuseNewerSchema } from '../schema-version';
import * as schema from './schema';

export type PgSchema = typeof schema;
export type PgDb = NodePgDatabase<PgSchema>;

export interface PgHandle {
  db: PgDb;
  pool: pg.Pool;
  close(): Promise<void>;
}

// Epoch milliseconds and counts are bigint in PostgreSQL; they fit a JavaScript number exactly.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** A pool on `url` (sized by DATABASE_POOL_SIZE, default 10), TLS when the URL asks for it (sslmode=require). */
export function openPostgres(url: string, options: { poolSize?: number } = {}): PgHandle {
  // A server that never answers fails the connection after 10 s rather than hanging start-up or a request.
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, connectionTimeoutMillis: 10_000 });
  // An idle client that loses its server is dropped by the pool; the next query gets a fresh one.
  pool.on('error', () => undefined);
  const db = drizzle(pool, { schema });
  return { db, pool, close: () => pool.end() };
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
