import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PgTokensStore } from '../../src/adapters/db/pg/tokens.store';
import type { TokensStore } from '../../src/services/ports/tickets';
import { engines, type OpenEngine, workspaceId } from './engines';

describe.each(engines)('the API tokens store on $name', (engine) => {
  let open: OpenEngine;
  let tokens: TokensStore;
  beforeEach(async () => {
    open = await engine.open();
    tokens = open.name === 'sqlite' ? open.ports.repos.tokens : new PgTokensStore(open.db);
  }, 60_000);
  afterEach(async () => {
    await open.close();
  });

  it('lets a live token in under its name, in its own workspace only', async () => {
    const id = await tokens.create(workspaceId, 'zendesk', 'secret-1', 1000);
    expect(await tokens.authenticate(workspaceId, 'secret-1', 2000)).toEqual({ id, name: 'zendesk' });
    expect(await tokens.authenticate(workspaceId, 'secret-2', 2000)).toBeUndefined();
    expect(await tokens.authenticate(workspaceId, '', 2000)).toBeUndefined();
    expect(await tokens.authenticate('T0OTHER', 'secret-1', 2000)).toBeUndefined();
  });

  it('lists tokens oldest first with their last use, recorded at most once a minute', async () => {
    const a = await tokens.create(workspaceId, 'zendesk', 'secret-1', 1000);
    const b = await tokens.create(workspaceId, 'script', 'secret-2', 1500);
    await tokens.authenticate(workspaceId, 'secret-1', 100_000);
    await tokens.authenticate(workspaceId, 'secret-1', 130_000);
    expect(await tokens.list(workspaceId)).toEqual([
      { id: a, name: 'zendesk', createdAt: 1000, lastUsedAt: 100_000, revokedAt: null },
      { id: b, name: 'script', createdAt: 1500, lastUsedAt: null, revokedAt: null },
    ]);
    await tokens.authenticate(workspaceId, 'secret-1', 160_000);
    expect((await tokens.list(workspaceId))[0]?.lastUsedAt).toBe(160_000);
  });

  it('revokes a token once: it no longer lets anyone in', async () => {
    const id = await tokens.create(workspaceId, 'zendesk', 'secret-1', 1000);
    expect(await tokens.revoke('T0OTHER', id, 2000)).toBe(false);
    expect(await tokens.revoke(workspaceId, id, 2000)).toBe(true);
    expect(await tokens.revoke(workspaceId, id, 3000)).toBe(false);
    expect(await tokens.authenticate(workspaceId, 'secret-1', 4000)).toBeUndefined();
    expect((await tokens.list(workspaceId))[0]?.revokedAt).toBe(2000);
  });
});
