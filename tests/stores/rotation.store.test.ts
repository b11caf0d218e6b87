import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PgRotationStore } from '../../src/adapters/db/pg/rotation.store';
import type { RotationStore } from '../../src/services/ports/rotation';
import { engines, type OpenEngine, workspaceId } from './engines';

describe.each(engines)('the rotation store on $name', (engine) => {
  let open: OpenEngine;
  let rotation: RotationStore;
  beforeEach(async () => {
    open = await engine.open();
    rotation = open.name === 'sqlite' ? open.ports.repos.rotation : new PgRotationStore(open.db);
  }, 60_000);
  afterEach(async () => {
    await open.close();
  });

  it('gives back each kind of override as it was added', async () => {
    await rotation.add(workspaceId, { kind: 'swap', periodA: 3, teamA: 1, periodB: 4, teamB: 2 }, 'U1', 1000);
    await rotation.add(workspaceId, { kind: 'swap', periodA: 7, periodB: 8 }, null, 1000);
    await rotation.add(workspaceId, { kind: 'replacement', period: 5, teamId: 2 }, 'U1', 1000);
    await rotation.add(workspaceId, { kind: 'time_off', userId: 'U9', from: 10, to: 20, standIn: 'U8' }, 'U9', 1000);
    await rotation.add(workspaceId, { kind: 'time_off', userId: 'U7', from: 30, to: 40 }, 'U7', 1000);
    const overrides = await rotation.overrides(workspaceId);
    expect(overrides).toHaveLength(5);
    expect(overrides).toEqual(
      expect.arrayContaining([
        { kind: 'swap', periodA: 3, teamA: 1, periodB: 4, teamB: 2 },
        { kind: 'swap', periodA: 7, teamA: undefined, periodB: 8, teamB: undefined },
        { kind: 'replacement', period: 5, teamId: 2 },
        { kind: 'time_off', userId: 'U9', from: 10, to: 20, standIn: 'U8' },
        { kind: 'time_off', userId: 'U7', from: 30, to: 40, standIn: null },
      ]),
    );
    expect(await rotation.overrides('T0OTHER')).toEqual([]);
  });

  it('lists the team orders in force by the period they start from, then as added', async () => {
    await rotation.addVersion(workspaceId, 10, [2, 1], 1000);
    await rotation.addVersion(workspaceId, 0, [1, 2], 900);
    await rotation.addVersion(workspaceId, 10, [3, 2, 1], 2000);
    expect(await rotation.versions(workspaceId)).toEqual([
      { fromIndex: 0, teamIds: [1, 2] },
      { fromIndex: 10, teamIds: [2, 1] },
      { fromIndex: 10, teamIds: [3, 2, 1] },
    ]);
  });
});
