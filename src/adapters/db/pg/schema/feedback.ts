import { bigint, boolean, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { workspaces } from './core';
import { tickets } from './tickets';

/** A GitHub or Linear issue that tickets are linked to. */
export const trackerIssues = pgTable(
  'tracker_issues',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    provider: text('provider', { enum: ['github', 'linear'] }).notNull(),
    /** GitHub: "owner/repo#123"; Linear: the issue's uuid. */
    externalId: text('external_id').notNull(),
    /** What people call it: "owner/repo#123" or "ENG-42". */
    key: text('key').notNull(),
    title: text('title').notNull(),
    url: text('url').notNull(),
    state: text('state', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    stateChangedAt: bigint('state_changed_at', { mode: 'number' }),
    isPrivate: boolean('is_private').notNull().default(false),
    /** Set when the issue was merged into another as a duplicate. */
    mergedIntoId: integer('merged_into_id'),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('tracker_issues_external').on(t.workspaceId, t.provider, t.externalId)],
);

/**
 * A ticket linked to an issue. The ticket's creation time and customer key are
 * copied here so demand counts over a window read one index, not three tables.
 */
export const ticketIssueLinks = pgTable(
  'ticket_issue_links',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    workspaceId: text('workspace_id').notNull(),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    issueId: integer('issue_id')
      .notNull()
      .references(() => trackerIssues.id),
    ticketCreatedAt: bigint('ticket_created_at', { mode: 'number' }).notNull(),
    customerKey: text('customer_key').notNull(),
    linkedBy: text('linked_by'),
    linkedAt: bigint('linked_at', { mode: 'number' }).notNull(),
  },
  (t) => [
    uniqueIndex('links_ticket_issue').on(t.ticketId, t.issueId),
    index('links_issue_created').on(t.workspaceId, t.issueId, t.ticketCreatedAt),
    index('links_workspace_created').on(t.workspaceId, t.ticketCreatedAt),
  ],
);

/**
 * Per issue: when dutyloop last wrote its counts into the tracker, so writes
 * stay at one per issue per minute whatever the outbox holds.
 */
export const issueWritebacks = pgTable('issue_writebacks', {
  issueId: integer('issue_id')
    .primaryKey()
    .references(() => trackerIssues.id, { onDelete: 'cascade' }),
  workspaceId: text('workspace_id').notNull(),
  lastWrittenAt: bigint('last_written_at', { mode: 'number' }),
  lastText: text('last_text'),
});

/** Customers already sent to Linear as customer needs of an issue (sent once each). */
export const issueCustomerNeeds = pgTable(
  'issue_customer_needs',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    workspaceId: text('workspace_id').notNull(),
    issueId: integer('issue_id')
      .notNull()
      .references(() => trackerIssues.id, { onDelete: 'cascade' }),
    customerKey: text('customer_key').notNull(),
    sentAt: bigint('sent_at', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('issue_customer_needs_key').on(t.issueId, t.customerKey)],
);

/** Issues whose state dutyloop announced (close/reopen), so a webhook and the reconcile job announce once. */
export const issueStateNotices = pgTable(
  'issue_state_notices',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    workspaceId: text('workspace_id').notNull(),
    issueId: integer('issue_id')
      .notNull()
      .references(() => trackerIssues.id, { onDelete: 'cascade' }),
    state: text('state', { enum: ['open', 'closed'] }).notNull(),
    at: bigint('at', { mode: 'number' }).notNull(),
  },
  (t) => [index('issue_state_notices_issue').on(t.issueId, t.at)],
);

/**
 * All-time demand per issue, kept by triggers on ticket_issue_links (migration
 * demand_totals_triggers) so the `all` board is read in milliseconds at any size.
 */
export const issueDemandTotals = pgTable(
  'issue_demand_totals',
  {
    workspaceId: text('workspace_id').notNull(),
    issueId: integer('issue_id').notNull(),
    tickets: integer('tickets').notNull().default(0),
    customers: integer('customers').notNull().default(0),
    firstSeen: bigint('first_seen', { mode: 'number' }).notNull(),
    lastSeen: bigint('last_seen', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.issueId] }),
    index('issue_demand_totals_rank').on(t.workspaceId, t.customers, t.tickets),
  ],
);

/** How many links of an issue each customer has: a customer counts once while `n` > 0. */
export const issueCustomerLinks = pgTable(
  'issue_customer_links',
  {
    workspaceId: text('workspace_id').notNull(),
    issueId: integer('issue_id').notNull(),
    customerKey: text('customer_key').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.issueId, t.customerKey] })],
);
