import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { EnqueueInput } from '../../../services/ports/outbox';
import { laneKindOf, type OutboxQueue, type OutboxRow } from '../../outbox/queue';
import type { PgDb } from './client';
import { outbox } from './schema';
import { jsonParam, namedRows } from './statements';

/**
 * The outbox on PostgreSQL, shared by every replica. A claim takes the oldest
 * due row of each free lane with FOR UPDATE SKIP LOCKED, so two replicas
 * claiming at once never take the same row, and a row stays behind an older one
 * of its lane that is still pending or being sent anywhere.
 */
/**
 * The id of each lane's oldest unfinished row, by a loose index scan over
 * outbox_lane_heads (one seek to the next lane, one to its first row): the cost
 * follows the number of lanes, not of rows queued behind a paced channel.
 */
const laneHeadIds = sql.raw(`
  WITH RECURSIVE lanes(lane) AS (
    SELECT (SELECT lane FROM outbox WHERE status IN ('pending', 'sending') ORDER BY lane LIMIT 1)
    UNION ALL
    SELECT (SELECT o.lane FROM outbox o WHERE o.status IN ('pending', 'sending') AND o.lane > lanes.lane
      ORDER BY o.lane LIMIT 1)
    FROM lanes WHERE lanes.lane IS NOT NULL
  )
  SELECT (SELECT o.id FROM outbox o WHERE o.status IN ('pending', 'sending') AND o.lane = lanes.lane
      ORDER BY o.id LIMIT 1)
  FROM lanes WHERE lanes.lane IS NOT NULL`);

export class PgOutboxQueue implements OutboxQueue {
  constructor(private readonly db: PgDb) {}

  async enqueue(workspaceId: string, input: EnqueueInput, now: number): Promise<number> {
    const [inserted] = await namedRows<{ id: number }>(
      this.db,
      'dl_outbox_enqueue',
      `INSERT INTO outbox (workspace_id, kind, lane, payload, dedupe_key, next_attempt_at, created_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
      [
        workspaceId,
        input.kind,
        input.lane,
        jsonParam(input.payload),
        input.dedupeKey ?? null,
        input.notBefore ?? now,
        now,
      ],
    );
    if (inserted) return inserted.id;
    const [existing] = await this.db
      .select({ id: outbox.id })
      .from(outbox)
      .where(eq(outbox.dedupeKey, input.dedupeKey ?? ''));
    if (!existing) throw new Error('outbox insert ignored without a dedupe key');
    return existing.id;
  }

  async enqueueMany(workspaceId: string, inputs: readonly EnqueueInput[], now: number): Promise<void> {
    if (inputs.length === 0) return;
    await namedRows(
      this.db,
      'dl_outbox_enqueue_many',
      `INSERT INTO outbox (workspace_id, kind, lane, payload, dedupe_key, next_attempt_at, created_at)
        SELECT $1, kind, lane, payload::jsonb, dedupe_key, next_attempt_at, $2
        FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[])
          WITH ORDINALITY AS o(kind, lane, payload, dedupe_key, next_attempt_at, ord)
        ORDER BY ord
        ON CONFLICT DO NOTHING`,
      [
        workspaceId,
        now,
        inputs.map((i) => i.kind),
        inputs.map((i) => i.lane),
        inputs.map((i) => jsonParam(i.payload)),
        inputs.map((i) => i.dedupeKey ?? null),
        inputs.map((i) => i.notBefore ?? now),
      ],
    );
  }

  async claimDue(now: number, limit: number, busyLanes: ReadonlySet<string>, owner: string): Promise<OutboxRow[]> {
    const busy = [...busyLanes];
    const rows = await this.db.execute<Record<string, unknown>>(sql`
      UPDATE outbox SET status = 'sending', attempts = attempts + 1, claimed_by = ${owner}, claimed_at = ${now}
      WHERE id IN (
        SELECT o.id FROM outbox o
        WHERE o.id IN (${laneHeadIds})
          AND o.status = 'pending' AND o.next_attempt_at <= ${now}
          AND NOT (o.lane = ANY(${sql.param(busy)}::text[]))
        ORDER BY o.id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING *`);
    return rows.rows.map(rowOf).sort((a, b) => a.id - b.id);
  }

  async hasDue(now: number, busyLanes: ReadonlySet<string>): Promise<boolean> {
    const rows = await this.db.execute(sql`
      SELECT 1 FROM outbox o
      WHERE o.id IN (${laneHeadIds})
        AND o.status = 'pending' AND o.next_attempt_at <= ${now} AND NOT (o.lane = ANY(${sql.param([...busyLanes])}::text[]))
      LIMIT 1`);
    return rows.rows.length > 0;
  }

  async markDone(id: number, now: number, result: unknown): Promise<void> {
    await this.db
      .update(outbox)
      .set({ status: 'done', doneAt: now, result: result ?? null, lastError: null })
      .where(eq(outbox.id, id));
  }

  async markRetry(id: number, nextAttemptAt: number, error: string, uncertain: boolean): Promise<void> {
    await this.db
      .update(outbox)
      .set({ status: 'pending', nextAttemptAt, lastError: error, uncertain })
      .where(eq(outbox.id, id));
  }

  async markDead(id: number, now: number, error: string): Promise<void> {
    await this.db.update(outbox).set({ status: 'dead', doneAt: now, lastError: error }).where(eq(outbox.id, id));
  }

  async renewLeases(owner: string, now: number, ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .update(outbox)
      .set({ claimedAt: now })
      .where(and(eq(outbox.status, 'sending'), eq(outbox.claimedBy, owner), inArray(outbox.id, [...ids])));
  }

  async releaseUnlaunched(owner: string, launched: readonly number[]): Promise<number> {
    const released = await this.db
      .update(outbox)
      .set({ status: 'pending', claimedBy: null, claimedAt: null })
      .where(and(eq(outbox.status, 'sending'), eq(outbox.claimedBy, owner), notInArray(outbox.id, [...launched])))
      .returning({ id: outbox.id });
    return released.length;
  }

  async recoverInterrupted(now: number, leaseMs: number, isGone: (owner: string) => boolean): Promise<number> {
    const sending = await this.db
      .select({ id: outbox.id, claimedBy: outbox.claimedBy, claimedAt: outbox.claimedAt })
      .from(outbox)
      .where(eq(outbox.status, 'sending'));
    const ids = sending
      .filter((r) => r.claimedAt === null || r.claimedBy === null || r.claimedAt < now - leaseMs || isGone(r.claimedBy))
      .map((r) => r.id);
    if (ids.length === 0) return 0;
    const gone = sending.flatMap((r) => (r.claimedBy && isGone(r.claimedBy) ? [r.claimedBy] : []));
    // Only rows still as we saw them: a replica that renewed its lease meanwhile keeps its rows.
    const stillLapsed = sql`(${outbox.claimedAt} IS NULL OR ${outbox.claimedAt} < ${now - leaseMs}
      OR ${outbox.claimedBy} IS NULL OR ${outbox.claimedBy} = ANY(${sql.param(gone)}::text[]))`;
    const taken = await this.db
      .update(outbox)
      .set({ status: 'pending', uncertain: true, claimedBy: null, claimedAt: null })
      .where(and(eq(outbox.status, 'sending'), inArray(outbox.id, ids), stillLapsed))
      .returning({ id: outbox.id });
    return taken.length;
  }

  async get(id: number): Promise<OutboxRow | undefined> {
    const [row] = await this.db.select().from(outbox).where(eq(outbox.id, id));
    return row;
  }

  async pendingByLaneKind() {
    const rows = await this.db.execute<{ lane: string; n: number; oldest: number }>(sql`
      SELECT lane, count(*) AS n, min(created_at) AS oldest FROM outbox WHERE status IN ('pending', 'sending') GROUP BY lane`);
    const byKind = new Map<string, { laneKind: string; pending: number; oldestCreatedAt: number }>();
    for (const r of rows.rows) {
      const laneKind = laneKindOf(r.lane);
      const k = byKind.get(laneKind) ?? { laneKind, pending: 0, oldestCreatedAt: Number(r.oldest) };
      k.pending += Number(r.n);
      k.oldestCreatedAt = Math.min(k.oldestCreatedAt, Number(r.oldest));
      byKind.set(laneKind, k);
    }
    return [...byKind.values()];
  }
}

/** A row of `RETURNING *` (snake_case, as the driver gives it) as the worker reads it. */
function rowOf(r: Record<string, unknown>): OutboxRow {
  return {
    id: Number(r.id),
    workspaceId: String(r.workspace_id),
    kind: String(r.kind),
    lane: String(r.lane),
    payload: r.payload,
    dedupeKey: (r.dedupe_key as string | null) ?? null,
    status: r.status as OutboxRow['status'],
    uncertain: Boolean(r.uncertain),
    attempts: Number(r.attempts),
    claimedBy: (r.claimed_by as string | null) ?? null,
    claimedAt: r.claimed_at === null ? null : Number(r.claimed_at),
    nextAttemptAt: Number(r.next_attempt_at),
    lastError: (r.last_error as string | null) ?? null,
    result: r.result ?? null,
    createdAt: Number(r.created_at),
    doneAt: r.done_at === null ? null : Number(r.done_at),
  };
}
