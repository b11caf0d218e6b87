import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { teams, workspaces } from './core';

/**
 * Whoever asked. `key` is the identity used for "distinct customers":
 * the company if known, else the e-mail, else the Slack user.
 */
export const customers = pgTable(
  'customers',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    key: text('key').notNull(),
    slackUserId: text('slack_user_id'),
    email: text('email'),
    name: text('name'),
    company: text('company'),
    externalId: text('external_id'),
    createdAt: bigint('created_at', { mode: 'number' })
      .notNull()
      .default(sql`(extract(epoch from now()) * 1000)::bigint`),
  },
  (t) => [uniqueIndex('customers_workspace_key').on(t.workspaceId, t.key)],
);

export const ticketSources = ['intake', 'reaction', 'shortcut', 'command', 'api'] as const;

export const tickets = pgTable(
  'tickets',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    /** Where it came from: a Slack path, or the `source` an API client names (e.g. "zendesk"). */
    source: text('source').notNull(),
    /** Dedupe key within the source: Slack `channel:ts`, or the API's externalId. */
    externalId: text('external_id').notNull(),
    customerId: integer('customer_id').references(() => customers.id),
    customerKey: text('customer_key'),
    subject: text('subject'),
    text: text('text').notNull(),
    url: text('url'),
    priority: text('priority', { enum: ['low', 'normal', 'high', 'urgent'] })
      .notNull()
      .default('normal'),
    status: text('status', { enum: ['open', 'claimed', 'resolved'] })
      .notNull()
      .default('open'),
    /** The Slack message the ticket came from, if any. */
    originChannelId: text('origin_channel_id'),
    originTs: text('origin_ts'),
    permalink: text('permalink'),
    requesterSlackId: text('requester_slack_id'),
    createdBy: text('created_by'),
    /** The card in the duty channel. */
    cardChannelId: text('card_channel_id'),
    cardTs: text('card_ts'),
    dutyTeamId: integer('duty_team_id').references(() => teams.id),
    claimedBy: text('claimed_by'),
    claimedAt: bigint('claimed_at', { mode: 'number' }),
    firstResponseAt: bigint('first_response_at', { mode: 'number' }),
    firstResponseBy: text('first_response_by'),
    resolvedBy: text('resolved_by'),
    resolvedAt: bigint('resolved_at', { mode: 'number' }),
    resolution: text('resolution'),
    rating: integer('rating'),
    ratingComment: text('rating_comment'),
    ratedAt: bigint('rated_at', { mode: 'number' }),
    /** When the targets job next looks at this ticket (a nudge or breach may be due); null once none can be. */
    nextTargetAt: bigint('next_target_at', { mode: 'number' }),
    /** A topic name from the config's `topics`, or `other`: set at intake, corrected from the card. */
    topic: text('topic').notNull().default('other'),
    /** Who corrected the topic (a Slack user id); null while it is the automatic one. */
    topicSetBy: text('topic_set_by'),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [
    uniqueIndex('tickets_source_external').on(t.workspaceId, t.source, t.externalId),
    index('tickets_workspace_created').on(t.workspaceId, t.createdAt),
    index('tickets_workspace_resolved').on(t.workspaceId, t.resolvedAt),
    index('tickets_card').on(t.cardChannelId, t.cardTs),
    index('tickets_origin').on(t.workspaceId, t.originChannelId, t.originTs),
    index('tickets_workspace_status').on(t.workspaceId, t.status),
    // Tickets still waiting for their first card: counted before every card post.
    index('tickets_awaiting_card').on(t.workspaceId).where(sql`card_ts IS NULL`),
    index('tickets_next_target').on(t.workspaceId, t.nextTargetAt).where(sql`next_target_at IS NOT NULL`),
    index('tickets_workspace_topic_created').on(t.workspaceId, t.topic, t.createdAt),
  ],
);

/**
 * The burst card of a duty channel while more tickets wait for their cards than
 * Slack lets us post: kept here so a restart updates the same card instead of
 * posting a second one.
 */
export const ticketBursts = pgTable(
  'ticket_bursts',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    /** The channel the cards go to (the outbox lane's channel). */
    channelId: text('channel_id').notNull(),
    /** Where Slack put the burst card. */
    cardChannelId: text('card_channel_id').notNull(),
    cardTs: text('card_ts').notNull(),
    since: bigint('since', { mode: 'number' }).notNull(),
    /** Channel slots used by ticket cards since the burst card was last refreshed. */
    slots: integer('slots').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.channelId] })],
);

/**
 * The all-time leaderboard, kept by triggers on tickets (migration
 * 0009_leaderboard_triggers) so it is read in a few milliseconds at any size:
 * per person, resolved tickets and ratings…
 */
export const leaderboardPeople = pgTable(
  'leaderboard_people',
  {
    workspaceId: text('workspace_id').notNull(),
    userId: text('user_id').notNull(),
    handled: integer('handled').notNull().default(0),
    ratingSum: integer('rating_sum').notNull().default(0),
    ratings: integer('ratings').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] })],
);

/**
 * …and how many of their resolved tickets had a first response within each
 * bucket (6 s under an hour, a minute under a day, an hour beyond; `bucket` is
 * its lower bound in ms), which gives medians to within a bucket.
 */
export const leaderboardResponses = pgTable(
  'leaderboard_responses',
  {
    workspaceId: text('workspace_id').notNull(),
    userId: text('user_id').notNull(),
    bucket: bigint('bucket', { mode: 'number' }).notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId, t.bucket] })],
);

/** What happened to a ticket, in order (claims, responses, resolutions, reopenings). */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    workspaceId: text('workspace_id').notNull(),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    actor: text('actor'),
    at: bigint('at', { mode: 'number' }).notNull(),
    data: jsonb('data'),
  },
  (t) => [index('ticket_events_ticket').on(t.ticketId, t.at)],
);
