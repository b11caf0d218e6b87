import { bigint, doublePrecision, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { workspaces } from './core';
import { tickets } from './tickets';

/**
 * A precedent offered in a new ticket's thread (a resolved ticket or a runbook
 * section), with the duty person's verdict on it once given.
 */
export const precedentSuggestions = pgTable(
  'precedent_suggestions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    /** The new ticket the suggestion was offered for. */
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    kind: text('kind', { enum: ['ticket', 'runbook'] }).notNull(),
    /** The precedent: a ticket id as text, or a runbook section key (`file#slug`). */
    ref: text('ref').notNull(),
    rank: integer('rank').notNull(),
    score: doublePrecision('score').notNull(),
    verdict: text('verdict', { enum: ['helped', 'unrelated'] }),
    verdictBy: text('verdict_by'),
    verdictAt: bigint('verdict_at', { mode: 'number' }),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  },
  (t) => [
    uniqueIndex('precedent_suggestions_ticket_ref').on(t.ticketId, t.kind, t.ref),
    index('precedent_suggestions_workspace_verdict').on(t.workspaceId, t.verdict),
  ],
);
