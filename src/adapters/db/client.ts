import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';
import { refuseNewerSchema } from './schema-version';

export type Schema = typeof schema;
export type Db = BetterSQLite3Database<Schema>;
export interface DbHandle {
  db: Db;
  sqlite: Database.Database;
  close(): void;
}

/** The package's `migrations/<engine>/`, found from this module whether it runs from `src/` or bundled in `dist/`. */
export function migrationsFolderOf(engine: 'sqlite' | 'postgres'): string {
  return findMigrations(path.dirname(fileURLToPath(import.meta.url)), engine);
}

export const migrationsFolder = migrationsFolderOf('sqlite');

function findMigrations(from: string, engine: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'migrations', engine);
    if (fs.existsSync(path.join(candidate, 'meta', '_journal.json'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`no migrations folder above ${from}`);
  }
}

/** `file:./data/dutyloop.db`, a plain path, or `:memory:`. */
export function sqlitePathFromUrl(url: string): string {
  if (url === ':memory:' || url === 'file::memory:') return ':memory:';
  const p = url.startsWith('sqlite:')
    ? url.slice('sqlite:'.length)
    : url.startsWith('file:')
      ? url.slice('file:'.length)
      : url;
  return p.replace(/^\/\/(?=\/)/, '');
}

export function openDb(url: string, options: { migrate?: boolean } = {}): DbHandle {
  const file = sqlitePathFromUrl(url);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Statement journals (a write inside a savepoint: a group commit takes one per ticket) stay in memory instead
  // of temp files: ticket, event and outbox inserts measured about twice as fast.
  sqlite.pragma('temp_store = MEMORY');
  // WAL makes NORMAL durable against process crashes; only an OS crash can lose the last commit.
  sqlite.pragma('synchronous = NORMAL');
  const db = drizzle(sqlite, { schema });
  if (options.migrate !== false) {
    try {
      runMigrations(db, sqlite);
    } catch (err) {
      sqlite.close();
      throw err;
    }
  }
  return { db, sqlite, close: () => sqlite.close() };
}

/** Applies migrations/sqlite, after refusing a schema newer than this version's. */
export function runMigrations(db: Db, sqlite: Database.Database): void {
  const journal = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  const applied = journal
    ? (sqlite.prepare('SELECT max(created_at) AS at FROM __drizzle_migrations').get() as { at: number | null }).at
    : null;
  refuseNewerSchema(migrationsFolder, applied);
  migrate(db, { migrationsFolder });
}
