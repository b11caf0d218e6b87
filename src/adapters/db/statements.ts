import type Database from 'better-sqlite3';
import type { Db } from './client';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** The better-sqlite3 connection under a drizzle database or transaction. */
export function connectionOf(db: Db): Database.Database {
  return (db as unknown as { session: { client: Database.Database } }).session.client;
}

/**
 * A prepared statement for `sqlText` on `db`'s connection, prepared once and
 * reused. For the hot paths (ticket intake, the outbox), where building the
 * query and preparing it again on every call was most of the work. Inside a
 * transaction it runs in that transaction: it is the same connection.
 */
export function statement(db: Db, sqlText: string): Database.Statement {
  const client = connectionOf(db);
  let cache = caches.get(client);
  if (!cache) {
    cache = new Map();
    caches.set(client, cache);
  }
  let s = cache.get(sqlText);
  if (!s) {
    s = client.prepare(sqlText);
    cache.set(sqlText, s);
  }
  return s;
}
