import { databaseEngine } from '../../services/settings/database-url';
import { soleLeader } from '../jobs/leadership';
import { sqliteOutboxQueue } from '../outbox/outbox.repo';
import { type DbHandle, openDb } from './client';
import { dashboardReads } from './dashboard/reads';
import { closeReadModels } from './read-pool';
import { type StoreObserver, sqlitePorts } from './repositories';
import type { Storage, StorageOptions } from './engine';
import { ensureWorkspace, firstWorkspaceId, rotateCalendarToken } from './workspace.repo';

/** Opens and migrates the database DATABASE_URL names; a PostgreSQL that cannot be used throws one clear line. */
export async function openStorage(url: string, options: StorageOptions = {}): Promise<Storage> {
  if (!options.sqlite && databaseEngine(url) === 'postgres') {
    // Loaded only here: a SQLite deployment never pays for the PostgreSQL driver in memory or start-up time.
    const { openPostgresStorage } = await import('./pg/storage');
    return openPostgresStorage(url, options);
  }
  return sqliteStorage(options.sqlite ?? openDb(url), options.observer, !options.sqlite);
}

/** The embedded engine on an open SQLite handle. */
export function sqliteStorage(handle: DbHandle, observer?: StoreObserver, owned = true): Storage {
  const ports = sqlitePorts(handle.db, observer);
  return {
    engine: 'sqlite',
    warnings: [],
    repos: ports.repos,
    uow: ports.uow,
    queue: sqliteOutboxQueue(handle.db),
    leadership: soleLeader,
    reads: dashboardReads(handle),
    workspaces: {
      ensure: async (id, name) => void ensureWorkspace(handle.db, id, name),
      first: async () => firstWorkspaceId(handle.sqlite),
      rotateCalendarToken: async (id) => rotateCalendarToken(handle.db, id),
    },
    sqlite: handle,
    close: async () => {
      await closeReadModels(handle.db);
      if (owned) handle.close();
    },
  };
}
