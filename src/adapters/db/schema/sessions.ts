import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { workspaces } from './core';

/**
 * Dashboard sessions, held here so that signing out or leaving the workspace
 * ends them: the cookie carries a random id, the table only its SHA-256.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    slackUserId: text('slack_user_id').notNull(),
    name: text('name').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    /** When the user was last confirmed a member of the workspace (users.info). */
    checkedAt: integer('checked_at').notNull(),
  },
  (t) => [index('sessions_user').on(t.workspaceId, t.slackUserId), index('sessions_expiry').on(t.expiresAt)],
);
