import type { Ctx } from '../../services/context';
import type { Notify } from '../../services/ports/notify';
import type { Repositories } from '../../services/ports/repositories';
import type { UnitOfWork } from '../../services/ports/unit-of-work';
import { databaseEngine } from '../../services/settings/database-url';
import { type Leadership, soleLeader } from '../jobs/leadership';
import { sqliteOutboxQueue } from '../outbox/outbox.repo';
import type { OutboxQueue } from '../outbox/queue';
import { type DbHandle, openDb } from './client';
import { type DashboardReads, dashboardReads } from './dashboard/reads';
import { connectPostgres } from './pg/connect';
import { pgDashboardReads } from './pg/dashboard-reads';
import { PgAdvisoryLeadership } from './pg/leadership';
import { PgOutboxQueue } from './pg/outbox.queue';
import { pgPorts } from './pg/repositories';
import { ensureWorkspacePg, firstWorkspaceIdPg, rotateCalendarTokenPg } from './pg/workspace';
import { closeReadModels } from './read-pool';
import { type StoreObserver, sqlitePorts } from './repositories';
import { ensureWorkspace, firstWorkspaceId, rotateCalendarToken } from './workspace.repo';

/** A unit of work as the runtime wires it: the outbox worker to wake after commits, the renderer of messages. */
export interface EngineUnitOfWork extends UnitOfWork<Ctx> {
  onCommitWithOutbox(wake: () => void): void;
  bindNotify(notifyOn: (repos: Repositories) => Notify): void;
}

/**
 * One storage engine, opened and migrated: the stores and unit of work the
 * use cases see, the outbox queue the worker drains, who leads the scheduler,
 * the dashboard's reads. SQLite (one process, one file) or PostgreSQL (any
 * number of replicas on one database), chosen by DATABASE_URL.
 */
export interface Storage {
  engine: 'sqlite' | 'postgres';
  repos: Repositories;
  uow: EngineUnitOfWork;
  queue: OutboxQueue;
  leadership: Leadership;
  reads: DashboardReads;
  workspaces: WorkspacesAdmin;
  /** The SQLite file, on SQLite only: what CLI commands and tests look into. */
  sqlite?: DbHandle;
  close(): Promise<void>;
}

/** The workspace row itself: created at first start, and what the CLI's admin commands change. */
export interface WorkspacesAdmin {
  ensure(id: string, name?: string): Promise<void>;
  /** The workspace recorded at first start, for CLI commands run beside a server whose config names none. */
  first(): Promise<string | undefined>;
  /** A new calendar feed token, returned once; only its hash is stored. */
  rotateCalendarToken(id: string): Promise<string>;
}

export interface StorageOptions {
  /** Connections per replica on PostgreSQL (DATABASE_POOL_SIZE). */
  poolSize?: number;
  /** Told of tickets created, once committed (for /metrics). */
  observer?: StoreObserver;
  /** An SQLite database already open (tests use an in-memory one); it stays open when the storage closes. */
  sqlite?: DbHandle;
}

/** Opens and migrates the database DATABASE_URL names; a PostgreSQL that cannot be used throws one clear line. */
export async function openStorage(url: string, options: StorageOptions = {}): Promise<Storage> {
  if (!options.sqlite && databaseEngine(url) === 'postgres') return openPostgresStorage(url, options);
  return sqliteStorage(options.sqlite ?? openDb(url), options.observer, !options.sqlite);
}

/** The embedded engine on an open SQLite handle. */
export function sqliteStorage(handle: DbHandle, observer?: StoreObserver, owned = true): Storage {
  const ports = sqlitePorts(handle.db, observer);
  return {
    engine: 'sqlite',
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

async function openPostgresStorage(url: string, options: StorageOptions): Promise<Storage> {
  const handle = await connectPostgres(url, options.poolSize ?? 10);
  const ports = pgPorts(handle.db, options.observer);
  const leadership = new PgAdvisoryLeadership(url);
  return {
    engine: 'postgres',
    repos: ports.repos,
    uow: ports.uow,
    queue: new PgOutboxQueue(handle.db),
    leadership,
    reads: pgDashboardReads(handle.db),
    workspaces: {
      ensure: (id, name) => ensureWorkspacePg(handle.db, id, name),
      first: () => firstWorkspaceIdPg(handle.db),
      rotateCalendarToken: (id) => rotateCalendarTokenPg(handle.db, id),
    },
    close: async () => {
      await leadership.close();
      await handle.close();
    },
  };
}
