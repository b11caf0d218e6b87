import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PgOutboxQueue } from '../../src/adapters/db/pg/outbox.queue';
import { sqliteOutboxQueue } from '../../src/adapters/outbox/outbox.repo';
import type { OutboxQueue } from '../../src/adapters/outbox/queue';
import { engines, type OpenEngine, workspaceId } from './engines';

const write = (lane: string, payload: unknown, dedupeKey?: string) => ({ kind: 'note', lane, payload, dedupeKey });

describe.each(engines)('the outbox queue on $name', (engine) => {
  let open: OpenEngine;
  let queue: OutboxQueue;
  /** A second process's view of the same table (another connection on PostgreSQL). */
  let other: OutboxQueue;
  beforeEach(async () => {
    open = await engine.open();
    queue = open.name === 'sqlite' ? sqliteOutboxQueue(open.db) : new PgOutboxQueue(open.db);
    other = open.name === 'sqlite' ? sqliteOutboxQueue(open.db) : new PgOutboxQueue(open.db);
  }, 60_000);
  afterEach(async () => {
    await open.close();
  });

  it('queues a write once per dedupe key', async () => {
    const a = await queue.enqueue(workspaceId, write('slack:post:C1', 'first', 'k1'), 0);
    const b = await queue.enqueue(workspaceId, write('slack:post:C1', 'again', 'k1'), 0);
    expect(b).toBe(a);
    expect((await queue.get(a))?.payload).toBe('first');
  });

  it('hands out the oldest due row of each lane, claimed, and nothing behind a row still being sent', async () => {
    await queue.enqueue(workspaceId, write('slack:post:C1', 'c1-a'), 0);
    await queue.enqueue(workspaceId, write('slack:post:C1', 'c1-b'), 0);
    await queue.enqueue(workspaceId, write('slack:post:C2', 'c2-a'), 0);
    await queue.enqueue(workspaceId, write('slack:post:C3', 'later'), 0 + 0);
    await queue.markRetry(4, 5_000, 'not yet', false);
    const claimed = await queue.claimDue(1_000, 10, new Set(), 'host/1/a');
    expect(claimed.map((r) => r.payload)).toEqual(['c1-a', 'c2-a']);
    expect(claimed[0]).toMatchObject({ status: 'sending', attempts: 1, claimedBy: 'host/1/a' });
    expect(await queue.claimDue(1_000, 10, new Set(), 'host/2/b')).toEqual([]);
    await queue.markDone(claimed[0]!.id, 1_001, { ok: true });
    expect((await other.claimDue(1_002, 10, new Set(), 'host/2/b')).map((r) => r.payload)).toEqual(['c1-b']);
    expect(await queue.hasDue(6_000, new Set())).toBe(true);
    expect(await queue.hasDue(6_000, new Set(['slack:post:C3']))).toBe(false);
  });

  it('a long backlog in one lane (a paced duty channel) does not hold back the other lanes', async () => {
    for (let i = 0; i < 300; i++) await queue.enqueue(workspaceId, write('slack:post:CDUTY', `card ${i}`), 0);
    await queue.enqueue(workspaceId, write('slack:post:D0LEAD', 'a DM'), 0);
    await queue.enqueue(workspaceId, write('github:comment', 'a write-back'), 0);
    // The duty channel is inside its pace interval: the DM and the tracker write still go.
    const paced = await queue.claimDue(1_000, 8, new Set(['slack:post:CDUTY']), 'host/1/a');
    expect(paced.map((r) => r.payload)).toEqual(['a DM', 'a write-back']);
    expect(await other.hasDue(1_000, new Set(['slack:post:CDUTY']))).toBe(false);
    expect(await other.hasDue(1_000, new Set())).toBe(true);
    // Once the pace allows it, the channel's oldest card goes, and only that one.
    expect((await other.claimDue(1_000, 8, new Set(), 'host/2/b')).map((r) => r.payload)).toEqual(['card 0']);
  });

  it('gives each row to one claimer when several claim at the same instant', async () => {
    for (let i = 0; i < 40; i++) await queue.enqueue(workspaceId, write(`slack:post:C${i}`, i), 0);
    const claims = await Promise.all(
      Array.from({ length: 6 }, (_, w) => (w % 2 ? other : queue).claimDue(10, 8, new Set(), `host/${w}/x`)),
    );
    const ids = claims.flat().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(40);
  });

  it("hands back at once the rows claimed in a sender's name that it never started, and only those", async () => {
    for (let i = 0; i < 3; i++) await queue.enqueue(workspaceId, write(`slack:post:C${i}`, i), 0);
    const claimed = await queue.claimDue(0, 3, new Set(), 'host-a/1/x');
    const [started, ...lost] = claimed;
    expect(await queue.releaseUnlaunched('host-a/1/x', [started!.id])).toBe(2);
    expect(await queue.get(started!.id)).toMatchObject({ status: 'sending', claimedBy: 'host-a/1/x' });
    for (const row of lost) expect(await queue.get(row.id)).toMatchObject({ status: 'pending', uncertain: false });
    // Another sender's rows are not touched.
    const [theirs] = await other.claimDue(0, 1, new Set(), 'host-b/2/y');
    expect(await queue.releaseUnlaunched('host-a/1/x', [started!.id])).toBe(0);
    expect(await queue.get(theirs!.id)).toMatchObject({ status: 'sending', claimedBy: 'host-b/2/y' });
  });

  it('takes back the rows of a sender whose lease lapsed, marked uncertain, and leaves a live one alone', async () => {
    await queue.enqueue(workspaceId, write('slack:post:C1', 'dead sender'), 0);
    await queue.enqueue(workspaceId, write('slack:post:C2', 'live sender'), 0);
    const [dead] = await queue.claimDue(0, 1, new Set(['slack:post:C2']), 'host-a/1/x');
    const [live] = await other.claimDue(0, 1, new Set(), 'host-b/2/y');
    await other.renewLeases('host-b/2/y', 25_000, [live!.id]);
    expect(await queue.recoverInterrupted(40_000, 30_000, () => false)).toBe(1);
    expect(await queue.get(dead!.id)).toMatchObject({ status: 'pending', uncertain: true, claimedBy: null });
    expect(await queue.get(live!.id)).toMatchObject({ status: 'sending', claimedBy: 'host-b/2/y' });
    const stats = await queue.pendingByLaneKind();
    expect(stats).toEqual([{ laneKind: 'slack:post', pending: 2, oldestCreatedAt: 0 }]);
  });
});
