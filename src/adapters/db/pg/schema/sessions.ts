import { bigint, index, pgTable, text } from 'drizzle-orm/pg-core';
import { workspaces } from './core';

/**
 * Dashboard sessions, held here so that signing out or leaving the workspace
 * ends them: the cookie carries a random id, the table only its SHA-256.
 */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    slackUserId: text('slack_user_id').notNull(),
    name: text('name').notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
    /** When the user was last confirmed a member of the workspace (users.info). */
    checkedAt: bigint('checked_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('sessions_user').on(t.workspaceId, t.slackUserId), index('sessions_expiry').on(t.expiresAt)],
);
