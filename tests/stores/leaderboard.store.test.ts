import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PgLeaderboardStore } from '../../src/adapters/db/pg/leaderboard.store';
import { PgTeamsStore } from '../../src/adapters/db/pg/teams.store';
import { PgTicketsStore } from '../../src/adapters/db/pg/tickets.store';
import type { LeaderboardStore, TicketsStore } from '../../src/services/ports/tickets';
import type { TeamsStore } from '../../src/services/ports/rotation';
import { engines, execute, type OpenEngine, workspaceId } from './engines';

const minute = 60_000;
const day = Date.parse('2026-11-20T00:00:00Z');

describe.each(engines)('the leaderboard read model on $name', (engine) => {
  let open: OpenEngine;
  let leaderboard: LeaderboardStore;
  let tickets: TicketsStore;
  let teams: TeamsStore;
  let seq = 0;
  beforeEach(async () => {
    open = await engine.open();
    if (open.name === 'sqlite') ({ leaderboard, tickets, teams } = open.ports.repos);
    else {
      leaderboard = new PgLeaderboardStore(open.db);
      tickets = new PgTicketsStore(open.db);
      teams = new PgTeamsStore(open.db);
    }
  }, 60_000);
  afterEach(async () => {
    await open.close();
  });

  /** A ticket created at `createdAt`, answered after `responseMin` minutes (if given), resolved by `by` at `resolvedAt`. */
  async function resolved(
    by: string,
    createdAt: number,
    resolvedAt: number,
    responseMin: number | null,
    rating?: number,
  ) {
    const id = (await tickets.insert({
      workspaceId,
      source: 'api',
      externalId: `t-${++seq}`,
      text: 'help',
      createdAt,
      updatedAt: createdAt,
    }))!;
    await tickets.update(workspaceId, id, {
      status: 'resolved',
      resolvedBy: by,
      resolvedAt,
      firstResponseAt: responseMin === null ? null : createdAt + responseMin * minute,
      rating: rating ?? null,
    });
    return id;
  }

  it('counts resolutions, ratings and the median first response per person in a window', async () => {
    await resolved('U1', day, day + 1000, 2, 5);
    await resolved('U1', day, day + 2000, 4, 3);
    await resolved('U1', day, day + 3000, 10);
    await resolved('U1', day, day + 4000, null);
    await resolved('U2', day, day + 5000, 1, 4);
    await resolved('U2', day, day + 10 * minute, 1);
    const stats = await leaderboard.between(workspaceId, day, day + 10 * minute);
    expect(stats.people.sort((a, b) => a.userId.localeCompare(b.userId))).toEqual([
      { userId: 'U1', handled: 4, ratingSum: 8, ratings: 2, medianFirstResponseMs: 4 * minute },
      { userId: 'U2', handled: 1, ratingSum: 4, ratings: 1, medianFirstResponseMs: 1 * minute },
    ]);
    expect(stats.medianFirstResponseMs).toBe(3 * minute);
  });

  it('gives no median when nobody was answered, and nothing for a window without resolutions', async () => {
    await resolved('U1', day, day + 1000, null);
    expect(await leaderboard.between(workspaceId, null, null)).toEqual({
      people: [{ userId: 'U1', handled: 1, ratingSum: 0, ratings: 0, medianFirstResponseMs: null }],
      medianFirstResponseMs: null,
    });
    expect(await leaderboard.between(workspaceId, day + 2000, null)).toEqual({
      people: [],
      medianFirstResponseMs: null,
    });
    expect(await leaderboard.between('T0OTHER', null, null)).toEqual({ people: [], medianFirstResponseMs: null });
  });

  it('keeps all-time figures as tickets are resolved, rated and reopened', async () => {
    await resolved('U1', day, day + 1000, 2, 5);
    const reopened = await resolved('U1', day, day + 2000, 4);
    await resolved('U2', day, day + 3000, 3, 2);
    await tickets.update(workspaceId, reopened, { status: 'open', resolvedBy: null, resolvedAt: null });
    const stats = await leaderboard.allTime(workspaceId);
    expect(stats.people.sort((a, b) => a.userId.localeCompare(b.userId))).toEqual([
      { userId: 'U1', handled: 1, ratingSum: 5, ratings: 1, medianFirstResponseMs: 2 * minute },
      { userId: 'U2', handled: 1, ratingSum: 2, ratings: 1, medianFirstResponseMs: 3 * minute },
    ]);
    expect(stats.medianFirstResponseMs).toBe(2.5 * minute);
    expect(await leaderboard.allTime('T0OTHER')).toEqual({ people: [], medianFirstResponseMs: null });
  });

  it('names the configured members, by their Slack id when they have no name', async () => {
    await teams.sync(workspaceId, [{ name: 'Platform', leadUserId: null, memberIds: ['U1', 'U2'] }]);
    await execute(open, sql`UPDATE members SET name = 'Ada' WHERE slack_user_id = 'U1'`);
    expect(await leaderboard.memberNames(workspaceId)).toEqual(
      new Map([
        ['U1', 'Ada'],
        ['U2', 'U2'],
      ]),
    );
  });
});
