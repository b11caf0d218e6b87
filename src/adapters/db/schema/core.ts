import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// Times are epoch milliseconds (integer): cheap to compare and index, and the
// domain works in instants anyway.
const createdAt = () => integer('created_at').notNull().default(sql`(unixepoch('subsec') * 1000)`);

/** A Slack workspace (its team id is the key every workspace table carries). */
export const workspaces = sqliteTable('workspaces', {
  id: text('id').primaryKey(),
  name: text('name'),
  calendarToken: text('calendar_token').notNull(),
  createdAt: createdAt(),
});

export const teams = sqliteTable(
  'teams',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: text('name').notNull(),
    leadUserId: text('lead_user_id'),
    position: integer('position').notNull().default(0),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('teams_workspace_name').on(t.workspaceId, t.name)],
);

export const members = sqliteTable(
  'members',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    slackUserId: text('slack_user_id').notNull(),
    email: text('email'),
    name: text('name'),
    tz: text('tz'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('members_team_user').on(t.teamId, t.slackUserId),
    index('members_workspace_user').on(t.workspaceId, t.slackUserId),
  ],
);

/**
 * Durable outbox: every outbound write (Slack message, tracker comment) is a row
 * written in the same transaction as the change that caused it, then performed
 * by the outbox worker with retries. `lane` serialises writes that share a rate
 * limit (e.g. one Slack channel); `dedupeKey` makes enqueueing idempotent.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id').notNull(),
    kind: text('kind').notNull(),
    lane: text('lane').notNull(),
    payload: text('payload', { mode: 'json' }).notNull(),
    dedupeKey: text('dedupe_key'),
    status: text('status', { enum: ['pending', 'sending', 'done', 'dead'] })
      .notNull()
      .default('pending'),
    /** Set when a send was interrupted (crash): the handler checks before sending again. */
    uncertain: integer('uncertain', { mode: 'boolean' }).notNull().default(false),
    attempts: integer('attempts').notNull().default(0),
    /** The process sending this row and when it last said so: a lease that lapses when the process dies. */
    claimedBy: text('claimed_by'),
    claimedAt: integer('claimed_at'),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastError: text('last_error'),
    result: text('result', { mode: 'json' }),
    createdAt: createdAt(),
    doneAt: integer('done_at'),
  },
  (t) => [
    uniqueIndex('outbox_dedupe').on(t.dedupeKey),
    index('outbox_due').on(t.status, t.nextAttemptAt),
    index('outbox_lane').on(t.lane, t.status),
    // The oldest unfinished row of each lane (its head), found by a few index seeks however long the queue.
    index('outbox_lane_heads').on(t.lane, t.id).where(sql`status IN ('pending', 'sending')`),
  ],
);

/** One row per run of a scheduled job; the unique key is what makes a run happen once. */
export const jobRuns = sqliteTable(
  'job_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id').notNull(),
    job: text('job').notNull(),
    runKey: text('run_key').notNull(),
    status: text('status', { enum: ['running', 'done', 'failed'] }).notNull(),
    late: integer('late', { mode: 'boolean' }).notNull().default(false),
    startedAt: integer('started_at').notNull(),
    finishedAt: integer('finished_at'),
    error: text('error'),
  },
  (t) => [uniqueIndex('job_runs_key').on(t.workspaceId, t.job, t.runKey)],
);

/** API tokens for helpdesks and scripts; only the SHA-256 of the token is kept. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash').on(t.tokenHash)],
);

/** Deliveries already handled (Slack event ids, GitHub and Linear delivery ids). */
export const processedDeliveries = sqliteTable(
  'processed_deliveries',
  {
    source: text('source').notNull(),
    deliveryId: text('delivery_id').notNull(),
    receivedAt: integer('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.source, t.deliveryId] })],
);
