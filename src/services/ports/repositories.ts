import type { DeliveriesStore } from './deliveries';
import type { DemandStore, FeedbackStore } from './feedback';
import type { KnowledgeStore, PrecedentsStore, TopicsStore } from './knowledge-store';
import type { OutboxStore } from './outbox';
import type { JobRunsStore, RotationStore, SwapsStore, TeamsStore } from './rotation';
import type { SessionsStore } from './sessions';
import type { BurstsStore, LeaderboardStore, TicketsStore, TokensStore } from './tickets';

/**
 * Every store a use case can reach, one per aggregate. Async, so that a second
 * engine can implement them; inside `inTransaction` they share its transaction.
 */
export interface Repositories {
  tickets: TicketsStore;
  bursts: BurstsStore;
  tokens: TokensStore;
  leaderboard: LeaderboardStore;
  feedback: FeedbackStore;
  demand: DemandStore;
  rotation: RotationStore;
  teams: TeamsStore;
  swaps: SwapsStore;
  jobs: JobRunsStore;
  knowledge: KnowledgeStore;
  precedents: PrecedentsStore;
  topics: TopicsStore;
  outbox: OutboxStore;
  sessions: SessionsStore;
  deliveries: DeliveriesStore;
}
