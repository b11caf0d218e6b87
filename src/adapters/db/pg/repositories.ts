import type { Repositories } from '../../../services/ports/repositories';
import type { IntakeTicket } from '../../../services/ports/tickets';
import type { StoreObserver } from '../repositories';
import { PgBurstsStore } from './bursts.store';
import type { PgDb } from './client';
import { PgDeliveriesStore } from './deliveries.store';
import { PgDemandStore } from './demand.store';
import { PgFeedbackStore } from './feedback.store';
import { PgJobRunsStore } from './jobs.store';
import { PgKnowledgeStore } from './knowledge.store';
import { PgLeaderboardStore } from './leaderboard.store';
import { PgOutboxQueue } from './outbox.queue';
import { PgPrecedentsStore } from './precedents.store';
import { PgRotationStore } from './rotation.store';
import { PgSessionsStore } from './sessions.store';
import { PgSwapsStore } from './swaps.store';
import { PgTeamsStore } from './teams.store';
import { PgTicketsStore } from './tickets.store';
import { PgTokensStore } from './tokens.store';
import { PgTopicsStore } from './topics.store';
import { PgUnitOfWork, type TransactionHooks } from './unit-of-work';

/**
 * Every store on PostgreSQL, on `db` (the pool, or one transaction): `hooks`
 * hears of each outbox row queued, and `observer` of each ticket created once
 * its transaction commits.
 */
export function pgRepositories(db: PgDb, hooks: TransactionHooks, observer?: StoreObserver): Repositories {
  const outbox = new PgOutboxQueue(db);
  return {
    tickets: observer ? new ObservedTicketsStore(db, hooks, observer) : new PgTicketsStore(db),
    bursts: new PgBurstsStore(db),
    tokens: new PgTokensStore(db),
    leaderboard: new PgLeaderboardStore(db),
    feedback: new PgFeedbackStore(db),
    demand: new PgDemandStore(db),
    rotation: new PgRotationStore(db),
    teams: new PgTeamsStore(db),
    swaps: new PgSwapsStore(db),
    jobs: new PgJobRunsStore(db),
    knowledge: new PgKnowledgeStore(db),
    precedents: new PgPrecedentsStore(db),
    topics: new PgTopicsStore(db),
    outbox: {
      enqueue: async (workspaceId, input, now) => {
        const id = await outbox.enqueue(workspaceId, input, now);
        hooks.onEnqueued();
        return id;
      },
      enqueueMany: async (workspaceId, inputs, now) => {
        await outbox.enqueueMany(workspaceId, inputs, now);
        if (inputs.length > 0) hooks.onEnqueued();
      },
    },
    sessions: new PgSessionsStore(db),
    deliveries: new PgDeliveriesStore(db),
  };
}

/** The tickets store telling `observer` of each ticket created, once its transaction commits. */
class ObservedTicketsStore extends PgTicketsStore {
  constructor(
    db: PgDb,
    private readonly hooks: TransactionHooks,
    private readonly observer: StoreObserver,
  ) {
    super(db);
  }

  override async insert(row: IntakeTicket): Promise<number | null> {
    const id = await super.insert(row);
    if (id !== null) this.hooks.whenCommitted(() => this.observer.ticketCreated(row.source));
    return id;
  }

  override async insertMany(rows: readonly IntakeTicket[]): Promise<(number | null)[]> {
    const ids = await super.insertMany(rows);
    ids.forEach((id, i) => {
      if (id !== null) this.hooks.whenCommitted(() => this.observer.ticketCreated(rows[i]!.source));
    });
    return ids;
  }
}

export interface PgPorts {
  /** For use cases outside a unit of work: each call is its own statement on the pool. */
  repos: Repositories;
  uow: PgUnitOfWork;
}

/** The PostgreSQL implementation of the repositories and the unit of work, on one pool. */
export function pgPorts(db: PgDb, observer?: StoreObserver): PgPorts {
  const uow = new PgUnitOfWork(db, (tx, hooks) => pgRepositories(tx, hooks, observer));
  // Outside a unit of work every statement commits at once: the outbox can send, the metrics count.
  const autocommit: TransactionHooks = { onEnqueued: () => uow.wakeOutbox(), whenCommitted: (fn) => fn() };
  const repos = pgRepositories(db, autocommit, observer);
  return { repos, uow };
}
