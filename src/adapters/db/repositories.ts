import type { Repositories } from '../../services/ports/repositories';
import { JobRunsRepo } from '../jobs/job-runs.repo';
import { OutboxRepo } from '../outbox/outbox.repo';
import { ApiTokensRepo } from './api-tokens.repo';
import { connectionOf } from './statements';
import type { Db } from './client';
import { DeliveriesRepo } from './deliveries.repo';
import { FeedbackDemandRepo } from './feedback-demand.repo';
import { FeedbackRepo } from './feedback.repo';
import { KnowledgeRepo } from './knowledge.repo';
import { LeaderboardRepo } from './leaderboard.repo';
import { PrecedentsRepo } from './precedents.repo';
import { RotationRepo } from './rotation.repo';
import { SessionsRepo } from './sessions.repo';
import { SwapRequestsRepo } from './swap-requests.repo';
import { TeamsRepo } from './teams.repo';
import { TicketBurstsRepo } from './ticket-bursts.repo';
import { TicketsRepo } from './tickets.repo';
import { TopicsRepo } from './topics.repo';
import { SqliteUnitOfWork } from './unit-of-work';

/** A synchronous repository seen through its port: every method returns a promise. */
type Promised<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : T[K];
};
type Call = <R>(f: () => R) => Promise<R>;

const direct: Call = (f) => {
  try {
    return Promise.resolve(f());
  } catch (err) {
    return Promise.reject(err);
  }
};

function asPort<T extends object>(impl: T, call: Call): Promised<T> {
  const port: Record<string, unknown> = {};
  for (
    let proto = Object.getPrototypeOf(impl);
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const method = (impl as Record<string, unknown>)[name];
      if (name === 'constructor' || name in port || typeof method !== 'function') continue;
      port[name] = (...args: unknown[]) => call(() => method.apply(impl, args));
    }
  }
  return port as Promised<T>;
}

/** Told of what the stores did, once it is committed (for /metrics). */
export interface StoreObserver {
  ticketCreated(source: string): void;
}

function repositories(db: Db, call: Call, onEnqueued: () => void, onCreated: (source: string) => void): Repositories {
  const outbox = asPort(new OutboxRepo(db), call);
  const tickets = asPort(new TicketsRepo(db), call);
  return {
    tickets: {
      ...tickets,
      insert: async (row) => {
        const id = await tickets.insert(row);
        if (id !== null) onCreated(row.source);
        return id;
      },
      insertMany: async (rows) => {
        const ids = await tickets.insertMany(rows);
        ids.forEach((id, i) => {
          if (id !== null) onCreated(rows[i]!.source);
        });
        return ids;
      },
    },
    bursts: asPort(new TicketBurstsRepo(db), call),
    tokens: asPort(new ApiTokensRepo(db), call),
    leaderboard: asPort(new LeaderboardRepo(db), call),
    feedback: asPort(new FeedbackRepo(db), call),
    demand: asPort(new FeedbackDemandRepo(db), call),
    rotation: asPort(new RotationRepo(db), call),
    teams: asPort(new TeamsRepo(db), call),
    swaps: asPort(new SwapRequestsRepo(db), call),
    jobs: asPort(new JobRunsRepo(db), call),
    knowledge: asPort(new KnowledgeRepo(db), call),
    precedents: asPort(new PrecedentsRepo(db), call),
    topics: asPort(new TopicsRepo(db), call),
    outbox: {
      enqueue: async (workspaceId, input, now) => {
        const id = await outbox.enqueue(workspaceId, input, now);
        onEnqueued();
        return id;
      },
      enqueueMany: async (workspaceId, inputs, now) => {
        await outbox.enqueueMany(workspaceId, inputs, now);
        if (inputs.length > 0) onEnqueued();
      },
    },
    sessions: asPort(new SessionsRepo(db), call),
    deliveries: asPort(new DeliveriesRepo(db), call),
  };
}

export interface SqlitePorts {
  /** For use cases outside a unit of work: each call waits for an open one to finish. */
  repos: Repositories;
  /** The same stores as a unit of work sees them, inside its transaction. */
  inside: Repositories;
  uow: SqliteUnitOfWork;
}

/** The SQLite implementation of the repositories and the unit of work, on one connection. */
export function sqlitePorts(db: Db, observer?: StoreObserver): SqlitePorts {
  let uow: SqliteUnitOfWork | undefined;
  const noteEnqueued = () => uow?.noteEnqueued();
  const noteCreated = (source: string) => uow?.whenCommitted(() => observer?.ticketCreated(source));
  const inside = repositories(db, direct, noteEnqueued, noteCreated);
  uow = new SqliteUnitOfWork(connectionOf(db), inside);
  const gate = uow.gate;
  const repos = repositories(db, (f) => gate.pass(f), noteEnqueued, noteCreated);
  return { repos, inside, uow };
}
