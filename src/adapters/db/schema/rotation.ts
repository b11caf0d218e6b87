import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { workspaces } from './core';

/**
 * Overrides on top of the computed rotation: swaps of two periods, one-off
 * replacements, and members' time off. Periods themselves are never stored.
 */
export const rotationOverrides = sqliteTable(
  'rotation_overrides',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
    kind: text('kind', { enum: ['swap', 'replacement', 'time_off'] }).notNull(),
    periodA: integer('period_a'),
    periodB: integer('period_b'),
    teamId: integer('team_id'),
    userId: text('user_id'),
    standIn: text('stand_in'),
    fromAt: integer('from_at'),
    toAt: integer('to_at'),
    createdBy: text('created_by'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('rotation_overrides_workspace').on(t.workspaceId, t.kind)],
);
