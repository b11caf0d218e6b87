import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { workspaces } from './core';
import { tickets } from './tickets';

/** A GitHub or Linear issue that tickets are linked to. */
export const trackerIssues = sqliteTable(
  'tracker_issues',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
    provider: text('provider', { enum: ['github', 'linear'] }).notNull(),
    /** GitHub: "owner/repo#123"; Linear: the issue's uuid. */
    externalId: text('external_id').notNull(),
    /** What people call it: "owner/repo#123" or "ENG-42". */
    key: text('key').notNull(),
    title: text('title').notNull(),
    url: text('url').notNull(),
    state: text('state', { enum: ['open', 'closed'] }).notNull().default('open'),
    stateChangedAt: integer('state_changed_at'),
    isPrivate: integer('is_private', { mode: 'boolean' }).notNull().default(false),
    /** Set when the issue was merged into another as a duplicate. */
    mergedIntoId: integer('merged_into_id'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('tracker_issues_external').on(t.workspaceId, t.provider, t.externalId)],
);

/**
 * A ticket linked to an issue. The ticket's creation time and customer key are
 * copied here so demand counts over a window read one index, not three tables.
 */
export const ticketIssueLinks = sqliteTable(
  'ticket_issue_links',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id').notNull(),
    ticketId: integer('ticket_id').notNull().references(() => tickets.id, { onDelete: 'cascade' }),
    issueId: integer('issue_id').notNull().references(() => trackerIssues.id),
    ticketCreatedAt: integer('ticket_created_at').notNull(),
    customerKey: text('customer_key').notNull(),
    linkedBy: text('linked_by'),
    linkedAt: integer('linked_at').notNull(),
  },
  (t) => [
    uniqueIndex('links_ticket_issue').on(t.ticketId, t.issueId),
    index('links_issue_created').on(t.workspaceId, t.issueId, t.ticketCreatedAt),
    index('links_workspace_created').on(t.workspaceId, t.ticketCreatedAt),
  ],
);
