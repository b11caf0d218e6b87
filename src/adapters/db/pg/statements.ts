import type pg from 'pg';
import type { PgDb } from './client';

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

/** The pool, or the pooled connection of a transaction, under a drizzle database. */
function clientOf(db: PgDb): Queryable {
  return (db as unknown as { session: { client: Queryable } }).session.client;
}

/**
 * Rows of `text` run as the named prepared statement `name` on `db`'s
 * connection (the pool's, or the transaction's): each connection parses and
 * plans it once and then only binds and runs it. For the hot paths (ticket
 * intake, API tokens, the outbox), where building the query with drizzle and
 * planning it again on every call was most of a statement's cost, as the
 * SQLite adapter's statements.ts does. `name` must be unique to `text`.
 * Parameters go to the driver as they are: JSON is passed already stringified.
 */
export async function namedRows<T>(db: PgDb, name: string, text: string, values: unknown[]): Promise<T[]> {
  const result = await clientOf(db).query<T & pg.QueryResultRow>({ name, text, values });
  return result.rows;
}

/** A value for a jsonb parameter, as drizzle's jsonb column writes it (null stays SQL NULL). */
export function jsonParam(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}
