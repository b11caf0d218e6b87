import type { Repositories } from '../../../services/ports/repositories';
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
import { PgUnitOfWork } from './unit-of-work';

/** Every store on PostgreSQL, on `db` (the pool, or one transaction); `onEnqueued` is told of each outbox row queued. */
export function pgRepositories(db: PgDb, onEnqueued: () => void): Repositories {
  const outbox = new PgOutboxQueue(db);
  return {
    tickets: new PgTicketsStore(db),
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
        onEnqueued();
        return id;
      },
    },
    sessions: new PgSessionsStore(db),
    deliveries: new PgDeliveriesStore(db),
  };
}

export interface PgPorts {
  /** For use cases outside a unit of work: each call is its own statement on the pool. */
  repos: Repositories;
  uow: PgUnitOfWork;
}

/** The PostgreSQL implementation of the repositories and the unit of work, on one pool. */
export function pgPorts(db: PgDb): PgPorts {
  const uow = new PgUnitOfWork(db, pgRepositories);
  // A row queued outside a unit of work is committed at once: the outbox can send it now.
  const repos = pgRepositories(db, () => uow.wakeOutbox());
  return { repos, uow };
}
