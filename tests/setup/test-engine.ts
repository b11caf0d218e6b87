import { stopPostgres, testDatabaseServer } from '../support/postgres';

/**
 * `DUTYLOOP_TEST_ENGINE=postgres`: one PostgreSQL server for the whole run (the
 * one TEST_DATABASE_URL names, else an embedded one started here), whose URL
 * every test process inherits; each app gets a fresh database on it.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.DUTYLOOP_TEST_ENGINE !== 'postgres' || process.env.TEST_DATABASE_URL) return undefined;
  process.env.TEST_DATABASE_URL = await testDatabaseServer();
  return () => stopPostgres();
}
