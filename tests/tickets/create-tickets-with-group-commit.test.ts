import { describe, expect, it } from 'vitest';
import { ensureWorkspace } from '../../src/adapters/db/workspace.repo';
import { createContext } from '../../src/app/context';
import { silentLogger } from '../../src/adapters/logger';
import { ManualClock } from '../../src/domain/clock';
import { ValidationError } from '../../src/domain/errors';
import { createTicketsWithGroupCommit } from '../../src/services/tickets/create-tickets-with-group-commit';
import { memoryDb, teamId, testConfig } from '../support/app';

function world() {
  const handle = memoryDb();
  ensureWorkspace(handle.db, teamId);
  const { ctx } = createContext({
    db: handle.db,
    clock: new ManualClock('2026-11-24T12:00:00Z'),
    log: silentLogger,
    config: testConfig(),
    workspaceId: teamId,
  });
  const n = (sql: string) => (handle.sqlite.prepare(sql).get() as { n: number }).n;
  return { handle, ctx, n };
}

describe('tickets created together (the helpdesk API)', () => {
  it('tickets sent at the same moment are each stored with their card queued; a ticket that fails leaves nothing behind and fails only its own caller', async () => {
    const { handle, ctx, n } = world();
    // A ticket the database refuses after its customer was written: the refusal must roll back that customer too.
    handle.sqlite.exec(
      "CREATE TRIGGER refuse_boom BEFORE INSERT ON tickets WHEN NEW.text = 'boom' BEGIN SELECT RAISE(ABORT, 'refused'); END",
    );
    const create = createTicketsWithGroupCommit(ctx);
    const send = (externalId: string, text: string, email: string) =>
      create({ source: 'helpdesk', externalId, text, customer: { email } });
    const results = await Promise.allSettled([
      send('1', 'first', 'a@example.com'),
      send('2', 'boom', 'boom@example.com'),
      send('3', '   ', 'blank@example.com'),
      send('1', 'first again', 'a@example.com'),
      send('4', 'fourth', 'd@example.com'),
    ]);
    const [first, boom, blank, again, fourth] = results;
    expect(first).toMatchObject({ status: 'fulfilled', value: { created: true } });
    expect(boom).toMatchObject({ status: 'rejected', reason: { message: 'refused' } });
    expect(blank.status === 'rejected' && blank.reason instanceof ValidationError).toBe(true);
    // The same external id in the same moment: one ticket, the second caller gets its id.
    expect(again).toMatchObject({
      status: 'fulfilled',
      value: { created: false, id: (first as PromiseFulfilledResult<{ id: number }>).value.id },
    });
    expect(fourth).toMatchObject({ status: 'fulfilled', value: { created: true } });
    expect(n('SELECT count(*) n FROM tickets')).toBe(2);
    expect(n("SELECT count(*) n FROM customers WHERE email IN ('boom@example.com', 'blank@example.com')")).toBe(0);
    expect(n("SELECT count(*) n FROM outbox WHERE kind = 'ticket.card'")).toBe(2);
    handle.close();
  });

  it('an answer comes only once its ticket is committed', async () => {
    const { handle, ctx, n } = world();
    const create = createTicketsWithGroupCommit(ctx);
    const pending = create({ source: 'helpdesk', externalId: 'x', text: 'hello' });
    // Not yet written: the write waits for the end of this turn, and the answer for the commit.
    expect(n('SELECT count(*) n FROM tickets')).toBe(0);
    const { id, created } = await pending;
    expect(created).toBe(true);
    expect(handle.sqlite.inTransaction).toBe(false);
    expect(n(`SELECT count(*) n FROM tickets WHERE id = ${id}`)).toBe(1);
    handle.close();
  });
});
