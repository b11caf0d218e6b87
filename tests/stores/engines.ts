import type { SQL } from 'drizzle-orm';
import { afterAll } from 'vitest';
import { openDb } from '../../src/adapters/db/client';
import { migratePostgres, openPostgres, type PgDb } from '../../src/adapters/db/pg/client';
import { sqlitePorts } from '../../src/adapters/db/repositories';
import type { Db } from '../../src/adapters/db/client';
import { freshPostgresDatabase, stopPostgres } from '../support/postgres';

/**
 * The two storage engines a store contract runs against: the embedded SQLite
 * and PostgreSQL (TEST_DATABASE_URL, else a server started from npm). Each
 * `open()` gives a fresh, migrated database with one workspace in it.
 */
export interface EngineUnderTest {
  name: 'sqlite' | 'postgres';
  open(): Promise<OpenEngine>;
}

export type OpenEngine =
  | { name: 'sqlite'; db: Db; ports: ReturnType<typeof sqlitePorts>; close(): Promise<void> }
  | { name: 'postgres'; db: PgDb; close(): Promise<void> };

export const workspaceId = 'T0STORES01';

const sqlite: EngineUnderTest = {
  name: 'sqlite',
  async open() {
    const h = openDb(':memory:');
    h.sqlite.prepare("INSERT INTO workspaces (id, calendar_token) VALUES (?, 'x')").run(workspaceId);
    return { name: 'sqlite', db: h.db, ports: sqlitePorts(h.db), close: async () => h.close() };
  },
};

const postgres: EngineUnderTest = {
  name: 'postgres',
  async open() {
    const h = openPostgres(await freshPostgresDatabase(), { poolSize: 4 });
    await migratePostgres(h);
    await h.pool.query("INSERT INTO workspaces (id, calendar_token) VALUES ($1, 'x')", [workspaceId]);
    return { name: 'postgres', db: h.db, close: () => h.close() };
  },
};

export const engines: EngineUnderTest[] = [sqlite, postgres];

/** Runs a statement the stores have no method for (seeding what another area writes), on either engine. */
export async function execute(open: OpenEngine, statement: SQL): Promise<void> {
  if (open.name === 'sqlite') open.db.run(statement);
  else await open.db.execute(statement);
}

/** Rows of a SELECT the stores have no method for (checking what another area reads), on either engine. */
export async function select<T>(open: OpenEngine, statement: SQL): Promise<T[]> {
  if (open.name === 'sqlite') return open.db.all<T>(statement);
  return (await open.db.execute(statement)).rows as T[];
}

afterAll(async () => {
  await stopPostgres();
});
