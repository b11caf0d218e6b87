import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { migrationsFolderOf } from '../client';
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
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // An idle client that loses its server is dropped by the pool; the next query gets a fresh one.
  pool.on('error', () => undefined);
  const db = drizzle(pool, { schema });
  return { db, pool, close: () => pool.end() };
}

/** Applies migrations/postgres; two replicas starting together take turns on drizzle's own lock-free journal. */
export async function migratePostgres(db: PgDb): Promise<void> {
  await migrate(db, { migrationsFolder: migrationsFolderOf('postgres') });
}
