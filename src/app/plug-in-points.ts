import type { ScheduledJob } from '../adapters/jobs/scheduler';
import type { OutboxHandler } from '../adapters/outbox/worker';
import { slackOutboxHandlers } from '../adapters/slack/outbox';
import { checkChannels } from '../adapters/slack/channel-access';
import type { Runtime } from './runtime';
import { syncTeams } from '../services/rotation/sync-teams';
import { handoffJobs } from '../adapters/jobs/handoff';
import { userGroupOutboxHandlers } from '../adapters/slack/user-group-outbox';
import { digestJobs } from '../adapters/jobs/digest';
import { reconcileJobs } from '../adapters/jobs/reconcile';
import { writebackHandlers } from '../adapters/outbox/tracker-writeback';
import { ticketOutboxHandlers } from '../adapters/slack/ticket-outbox';
import { targetsJobs } from '../adapters/jobs/targets';
import { knowledgeJobs } from '../adapters/jobs/knowledge';
import { precedentsOutboxHandlers } from '../adapters/slack/precedents-outbox';

/**
 * The places where each area plugs into a running dutyloop. An area adds its
 * entry to these lists (one line each), keeping start-up in one file.
 */

/** Run in order after migrations, before anything listens. Throw ConfigError to stop start-up. */
export const startupHooks: ((rt: Runtime) => Promise<void>)[] = [
  (rt) => syncTeams({ ctx: rt.ctx }),
  (rt) => checkChannels(rt.slack, rt.ctx),
  // areas register here
];

/** Outbox handlers by kind. */
export const outboxHandlers: ((rt: Runtime) => Record<string, OutboxHandler>)[] = [
  (rt) => slackOutboxHandlers(rt.slack),
  (rt) => writebackHandlers(rt.ctx),
  (rt) => ticketOutboxHandlers(rt.ctx, rt.slack, rt.secret),
  (rt) => userGroupOutboxHandlers(rt.slack, rt.ctx.log),
  (rt) => precedentsOutboxHandlers(rt.ctx, rt.slack),
  // areas register here
];

/** Scheduled jobs. */
export const jobs: ((rt: Runtime) => ScheduledJob[])[] = [
  (rt) => [...reconcileJobs(rt.ctx), ...digestJobs(rt.ctx)],
  (rt) => handoffJobs(rt.ctx),
  (rt) => targetsJobs(rt.ctx),
  (rt) => knowledgeJobs(rt.ctx),
  // areas register here
];
