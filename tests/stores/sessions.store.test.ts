import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PgSessionsStore } from '../../src/adapters/db/pg/sessions.store';
import type { SessionsStore } from '../../src/services/ports/sessions';
import { engines, type OpenEngine, workspaceId } from './engines';

const hour = 3_600_000;

describe.each(engines)('the sessions store on $name', (engine) => {
  let open: OpenEngine;
  let sessions: SessionsStore;
  beforeEach(async () => {
    open = await engine.open();
    sessions = open.name === 'sqlite' ? open.ports.repos.sessions : new PgSessionsStore(open.db);
  }, 60_000);
  afterEach(async () => {
    await open.close();
  });

  const signIn = (id: string, slackUserId: string, now: number) =>
    sessions.create(workspaceId, id, { slackUserId, name: `name of ${slackUserId}`, now, expiresAt: now + hour });

  it('finds a live session by its id, in its own workspace only, until it expires', async () => {
    await signIn('cookie-1', 'U1', 1000);
    expect(await sessions.find(workspaceId, 'cookie-1', 1000 + hour - 1)).toEqual({
      slackUserId: 'U1',
      name: 'name of U1',
      expiresAt: 1000 + hour,
      checkedAt: 1000,
    });
    expect(await sessions.find(workspaceId, 'cookie-1', 1000 + hour)).toBeUndefined();
    expect(await sessions.find('T0OTHER', 'cookie-1', 1000)).toBeUndefined();
    expect(await sessions.find(workspaceId, 'unknown', 1000)).toBeUndefined();
  });

  it('records when every session of a user was last checked', async () => {
    await signIn('a', 'U1', 1000);
    await signIn('b', 'U1', 1000);
    await signIn('c', 'U2', 1000);
    await sessions.markChecked(workspaceId, 'U1', 5000);
    expect((await sessions.find(workspaceId, 'a', 6000))?.checkedAt).toBe(5000);
    expect((await sessions.find(workspaceId, 'b', 6000))?.checkedAt).toBe(5000);
    expect((await sessions.find(workspaceId, 'c', 6000))?.checkedAt).toBe(1000);
  });

  it('signs out one session, or every session of a user who left', async () => {
    await signIn('a', 'U1', 1000);
    await signIn('b', 'U1', 1000);
    await signIn('c', 'U2', 1000);
    await sessions.delete('a');
    expect(await sessions.find(workspaceId, 'a', 2000)).toBeUndefined();
    expect(await sessions.find(workspaceId, 'b', 2000)).toBeDefined();
    await sessions.deleteForUser(workspaceId, 'U1');
    expect(await sessions.find(workspaceId, 'b', 2000)).toBeUndefined();
    expect(await sessions.find(workspaceId, 'c', 2000)).toBeDefined();
  });

  it('forgets expired sessions when someone signs in, so the same id can sign in again', async () => {
    await signIn('a', 'U1', 1000);
    await signIn('a', 'U1', 1000 + hour);
    expect(await sessions.find(workspaceId, 'a', 1000 + hour)).toMatchObject({ expiresAt: 1000 + 2 * hour });
  });
});
