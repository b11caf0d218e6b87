import type { StoreObserver } from './repositories';
import type { Ctx } from '../../services/context';
import type { Notify } from '../../services/ports/notify';
import type { Repositories } from '../../services/ports/repositories';
import type { UnitOfWork } from '../../services/ports/unit-of-work';
import type { Leadership } from '../jobs/leadership';
import type { OutboxQueue } from '../outbox/queue';
import type { DbHandle } from './client';
import type { DashboardReads } from './dashboard/reads';

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
  /** What the database's set-up costs dutyloop, for the operator (logged at start). */
  warnings: string[];
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
