import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PgTeamsStore } from '../../src/adapters/db/pg/teams.store';
import type { TeamsStore } from '../../src/services/ports/rotation';
import { engines, execute, type OpenEngine, workspaceId } from './engines';

const team = (name: string, memberIds: string[], leadUserId: string | null = null) => ({ name, leadUserId, memberIds });

describe.each(engines)('the teams store on $name', (engine) => {
  let open: OpenEngine;
  let teams: TeamsStore;
  beforeEach(async () => {
    open = await engine.open();
    teams = open.name === 'sqlite' ? open.ports.repos.teams : new PgTeamsStore(open.db);
  }, 60_000);
  afterEach(async () => {
    await open.close();
  });

  it('makes the active teams exactly the configured ones, in the configured order', async () => {
    await teams.sync(workspaceId, [team('Platform', ['U1', 'U2'], 'U1'), team('Billing', ['U3'])]);
    expect(await teams.active(workspaceId)).toEqual([
      { id: expect.any(Number), name: 'Platform', leadUserId: 'U1', position: 0, memberIds: ['U1', 'U2'] },
      { id: expect.any(Number), name: 'Billing', leadUserId: null, position: 1, memberIds: ['U3'] },
    ]);
  });

  it('keeps a team id across syncs, and keeps a team no longer configured among all teams, inactive', async () => {
    await teams.sync(workspaceId, [team('Platform', ['U1', 'U2']), team('Billing', ['U3'])]);
    const before = await teams.all(workspaceId);
    await teams.sync(workspaceId, [team('Billing', ['U3', 'U4'], 'U4'), team('Search', [])]);
    const active = await teams.active(workspaceId);
    expect(active.map((t) => [t.name, t.position, t.memberIds])).toEqual([
      ['Billing', 0, ['U3', 'U4']],
      ['Search', 1, []],
    ]);
    const billingId = [...before.values()].find((t) => t.name === 'Billing')!.id;
    expect(active[0]!.id).toBe(billingId);
    const all = await teams.all(workspaceId);
    expect([...all.values()].map((t) => t.name).sort()).toEqual(['Billing', 'Platform', 'Search']);
    expect(all.get(billingId)?.leadUserId).toBe('U4');
  });

  it('drops members no longer listed and keeps the others', async () => {
    await teams.sync(workspaceId, [team('Platform', ['U1', 'U2', 'U3'])]);
    await teams.sync(workspaceId, [team('Platform', ['U3', 'U1'])]);
    expect((await teams.active(workspaceId))[0]?.memberIds).toEqual(['U1', 'U3']);
    await teams.sync(workspaceId, [team('Platform', [])]);
    expect((await teams.active(workspaceId))[0]?.memberIds).toEqual([]);
  });

  it('finds a member by e-mail in any case', async () => {
    await teams.sync(workspaceId, [team('Platform', ['U1', 'U2'])]);
    await execute(open, sql`UPDATE members SET email = 'Ada@Example.com' WHERE slack_user_id = 'U2'`);
    expect(await teams.memberIdByEmail(workspaceId, 'ada@example.COM')).toBe('U2');
    expect(await teams.memberIdByEmail(workspaceId, 'bob@example.com')).toBeUndefined();
    expect(await teams.memberIdByEmail('T0OTHER', 'ada@example.com')).toBeUndefined();
  });
});
