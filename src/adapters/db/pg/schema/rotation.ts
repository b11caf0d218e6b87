import { bigint, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { workspaces } from './core';

/**
 * Overrides on top of the computed rotation: swaps of two periods, one-off
 * replacements, and members' time off. Periods themselves are never stored.
 */
export const rotationOverrides = pgTable(
  'rotation_overrides',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    kind: text('kind', { enum: ['swap', 'replacement', 'time_off'] }).notNull(),
    periodA: integer('period_a'),
    periodB: integer('period_b'),
    teamId: integer('team_id'),
    /** For a swap, teamId is the team that gave period A and teamBId the one that gave period B. */
    teamBId: integer('team_b_id'),
    userId: text('user_id'),
    standIn: text('stand_in'),
    fromAt: bigint('from_at', { mode: 'number' }),
    toAt: bigint('to_at', { mode: 'number' }),
    createdBy: text('created_by'),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('rotation_overrides_workspace').on(t.workspaceId, t.kind)],
);

/**
 * Each change of the configured team order, effective from a period index:
 * periods already started keep the team they had under the older list.
 */
export const rotationVersions = pgTable(
  'rotation_versions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    fromIndex: integer('from_index').notNull(),
    /** JSON array of team ids, in turn order. */
    teamIds: text('team_ids').notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('rotation_versions_workspace').on(t.workspaceId, t.fromIndex)],
);

/** Heads-ups and handoffs already announced are recorded in job_runs; swap requests wait here for the other lead. */
export const swapRequests = pgTable(
  'rotation_swap_requests',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    requestedBy: text('requested_by').notNull(),
    fromTeamId: integer('from_team_id').notNull(),
    fromPeriod: integer('from_period').notNull(),
    toTeamId: integer('to_team_id').notNull(),
    toPeriod: integer('to_period').notNull(),
    status: text('status', { enum: ['pending', 'accepted', 'declined', 'expired'] })
      .notNull()
      .default('pending'),
    expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('rotation_swap_requests_workspace').on(t.workspaceId, t.status)],
);
