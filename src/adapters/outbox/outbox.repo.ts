import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { outbox } from '../db/schema';
import { statement } from '../db/statements';
import type { EnqueueInput } from '../../services/ports/outbox';
import { laneKindOf, type OutboxQueue } from './queue';

export type OutboxRow = typeof outbox.$inferSelect;

/**
 * Each lane's oldest unfinished row, by a loose index scan over
 * outbox_lane_heads: one seek to the next lane, one to its first row, so the
 * cost follows the number of lanes, not of rows queued (a paced duty channel
 * can hold thousands).
 */
const laneHeadsSql = `
  WITH RECURSIVE lanes(lane) AS (
    SELECT (SELECT lane FROM outbox INDEXED BY outbox_lane_heads
      WHERE status IN ('pending', 'sending') ORDER BY lane LIMIT 1)
    UNION ALL
    SELECT (SELECT o.lane FROM outbox o INDEXED BY outbox_lane_heads
      WHERE o.status IN ('pending', 'sending') AND o.lane > lanes.lane ORDER BY o.lane LIMIT 1)
    FROM lanes WHERE lanes.lane IS NOT NULL
  )
  SELECT lane, (SELECT o.id FROM outbox o INDEXED BY outbox_lane_heads
      WHERE o.status IN ('pending', 'sending') AND o.lane = lanes.lane ORDER BY o.id LIMIT 1) AS id
  FROM lanes WHERE lane IS NOT NULL`;

export class OutboxRepo {
  constructor(private readonly db: Db) {}

  /** Returns the row id (the existing one when `dedupeKey` was seen before). */
  enqueue(workspaceId: string, input: EnqueueInput, now: number): number {
    // Prepared once per connection: every ticket and every Slack write comes through here.
    const inserted = statement(
      this.db,
      `INSERT INTO outbox (workspace_id, kind, lane, payload, dedupe_key, next_attempt_at, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id`,
    ).get(
      workspaceId,
      input.kind,
      input.lane,
      JSON.stringify(input.payload ?? null),
      input.dedupeKey ?? null,
      input.notBefore ?? now,
      now,
    ) as { id: number } | undefined;
    if (inserted) return inserted.id;
    const existing = statement(this.db, 'SELECT id FROM outbox WHERE dedupe_key = ?').get(input.dedupeKey ?? '') as
      | { id: number }
      | undefined;
    if (!existing) throw new Error('outbox insert ignored without a dedupe key');
    return existing.id;
  }

  enqueueMany(workspaceId: string, inputs: readonly EnqueueInput[], now: number): void {
    for (const input of inputs) this.enqueue(workspaceId, input, now);
  }

  /** The oldest due row of each lane not in `busyLanes`. */
  dueHeads(now: number, limit: number, busyLanes: Set<string>): OutboxRow[] {
    // A lane is FIFO: only its oldest unfinished row may go, and not while it waits for its retry time.
    const heads = (statement(this.db, laneHeadsSql).all() as { lane: string; id: number }[])
      .filter((h) => !busyLanes.has(h.lane))
      .map((h) => h.id);
    if (heads.length === 0) return [];
    // By primary key only: a filter on status here would tempt the planner into the status index, all rows long.
    return this.db
      .select()
      .from(outbox)
      .where(inArray(outbox.id, heads))
      .all()
      .filter((row) => row.status === 'pending' && row.nextAttemptAt <= now)
      .sort((a, b) => a.id - b.id)
      .slice(0, limit);
  }

  /** Claims a pending row for `owner`; false when another process took it first. */
  markSending(id: number, owner: string, now: number): boolean {
    const r = this.db
      .update(outbox)
      .set({ status: 'sending', attempts: sql`${outbox.attempts} + 1`, claimedBy: owner, claimedAt: now })
      .where(and(eq(outbox.id, id), eq(outbox.status, 'pending')))
      .run();
    return r.changes === 1;
  }

  markDone(id: number, now: number, result: unknown): void {
    this.db
      .update(outbox)
      .set({ status: 'done', doneAt: now, result: (result ?? null) as object, lastError: null })
      .where(eq(outbox.id, id))
      .run();
  }

  markRetry(id: number, nextAttemptAt: number, error: string, uncertain = false): void {
    this.db
      .update(outbox)
      .set({ status: 'pending', nextAttemptAt, lastError: error, uncertain })
      .where(eq(outbox.id, id))
      .run();
  }

  markDead(id: number, now: number, error: string): void {
    this.db.update(outbox).set({ status: 'dead', doneAt: now, lastError: error }).where(eq(outbox.id, id)).run();
  }

  /** Tells other processes that `owner` is still sending its rows. */
  renewLeases(owner: string, now: number, ids: readonly number[]): void {
    if (ids.length === 0) return;
    this.db
      .update(outbox)
      .set({ claimedAt: now })
      .where(and(eq(outbox.status, 'sending'), eq(outbox.claimedBy, owner), inArray(outbox.id, [...ids])))
      .run();
  }

  releaseUnlaunched(owner: string, launched: readonly number[]): number {
    return this.db
      .update(outbox)
      .set({ status: 'pending', claimedBy: null, claimedAt: null })
      .where(and(eq(outbox.status, 'sending'), eq(outbox.claimedBy, owner), notInArray(outbox.id, [...launched])))
      .run().changes;
  }

  /**
   * A row left in 'sending' by a process that is gone goes back to pending,
   * marked uncertain: it may have gone out. A process is gone when its lease
   * lapsed, or sooner when `isGone` knows (a dead process on this host). Rows a
   * live process is sending are left alone.
   */
  recoverInterrupted(now: number, leaseMs: number, isGone: (owner: string) => boolean = () => false): number {
    const sending = this.db
      .select({ id: outbox.id, claimedBy: outbox.claimedBy, claimedAt: outbox.claimedAt })
      .from(outbox)
      .where(eq(outbox.status, 'sending'))
      .all();
    const ids = sending
      .filter((r) => r.claimedAt === null || r.claimedBy === null || r.claimedAt < now - leaseMs || isGone(r.claimedBy))
      .map((r) => r.id);
    if (ids.length === 0) return 0;
    return this.db
      .update(outbox)
      .set({ status: 'pending', uncertain: true, claimedBy: null, claimedAt: null })
      .where(and(eq(outbox.status, 'sending'), inArray(outbox.id, ids)))
      .run().changes;
  }

  get(id: number): OutboxRow | undefined {
    return this.db.select().from(outbox).where(eq(outbox.id, id)).get();
  }

  /**
   * Writes not yet done (pending or being sent) by lane kind — the lane without
   * its channel or issue (`slack:post`, `slack:api`, `tracker:github`…) — with
   * the creation time of the oldest. Reads the (status, next_attempt_at) index.
   */
  pendingByLaneKind(): { laneKind: string; pending: number; oldestCreatedAt: number }[] {
    const rows = statement(
      this.db,
      `SELECT lane, count(*) AS n, min(created_at) AS oldest FROM outbox
      WHERE status IN ('pending', 'sending') GROUP BY lane`,
    ).all() as { lane: string; n: number; oldest: number }[];
    const byKind = new Map<string, { laneKind: string; pending: number; oldestCreatedAt: number }>();
    for (const r of rows) {
      const laneKind = laneKindOf(r.lane);
      const k = byKind.get(laneKind);
      if (!k) byKind.set(laneKind, { laneKind, pending: r.n, oldestCreatedAt: r.oldest });
      else {
        k.pending += r.n;
        k.oldestCreatedAt = Math.min(k.oldestCreatedAt, r.oldest);
      }
    }
    return [...byKind.values()];
  }

  pendingCount(): number {
    return (
      this.db
        .select({ n: sql<number>`count(*)` })
        .from(outbox)
        .where(inArray(outbox.status, ['pending', 'sending']))
        .get()?.n ?? 0
    );
  }
}

export type { EnqueueInput };

/** The outbox queue on SQLite: one connection, so a claim is a conditional update that one worker wins. */
export function sqliteOutboxQueue(db: Db): OutboxQueue {
  const repo = new OutboxRepo(db);
  return {
    enqueue: async (workspaceId, input, now) => repo.enqueue(workspaceId, input, now),
    claimDue: async (now, limit, busyLanes, owner) =>
      repo
        .dueHeads(now, limit, new Set(busyLanes))
        .filter((row) => repo.markSending(row.id, owner, now))
        .map((row) => ({
          ...row,
          status: 'sending' as const,
          attempts: row.attempts + 1,
          claimedBy: owner,
          claimedAt: now,
        })),
    hasDue: async (now, busyLanes) => repo.dueHeads(now, 1, new Set(busyLanes)).length > 0,
    markDone: async (id, now, result) => repo.markDone(id, now, result),
    markRetry: async (id, nextAttemptAt, error, uncertain) => repo.markRetry(id, nextAttemptAt, error, uncertain),
    markDead: async (id, now, error) => repo.markDead(id, now, error),
    renewLeases: async (owner, now, ids) => repo.renewLeases(owner, now, ids),
    releaseUnlaunched: async (owner, launched) => repo.releaseUnlaunched(owner, launched),
    recoverInterrupted: async (now, leaseMs, isGone) => repo.recoverInterrupted(now, leaseMs, isGone),
    get: async (id) => repo.get(id),
    pendingByLaneKind: async () => repo.pendingByLaneKind(),
  };
}
