import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Storage } from '../adapters/db/engine';
import type { Metrics } from '../adapters/http/metrics';
import type { OutboxWorker } from '../adapters/outbox/worker';
import type { Scheduler } from '../adapters/jobs/scheduler';
import type { Ctx } from '../services/context';

/**
 * Everything a running dutyloop is made of, handed to each area's `register`
 * functions (listeners, routes, outbox handlers, jobs) at start.
 */
export interface Runtime {
  ctx: Ctx;
  /** The storage engine (SQLite or PostgreSQL), opened and migrated. */
  storage: Storage;
  outbox: OutboxWorker;
  scheduler: Scheduler;
  metrics: Metrics;
  /** Absent in demo mode (no Slack credentials). */
  bolt?: App;
  /** Slack's Web API client, for the outbox handlers that write to Slack; absent in demo mode. */
  slack?: WebClient;
  mode: 'serve' | 'demo' | 'test';
  /** Signing key for links and cookies, derived from the deployment's secrets. */
  secret: string;
}
