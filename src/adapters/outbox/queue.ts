import type { EnqueueInput } from '../../services/ports/outbox';

/** One outbound write as the worker performs it. */
export interface OutboxRow {
  id: number;
  workspaceId: string;
  kind: string;
  lane: string;
  payload: unknown;
  dedupeKey: string | null;
  status: 'pending' | 'sending' | 'done' | 'dead';
  uncertain: boolean;
  attempts: number;
  claimedBy: string | null;
  claimedAt: number | null;
  nextAttemptAt: number;
  lastError: string | null;
  result: unknown;
  createdAt: number;
  doneAt: number | null;
}

/**
 * The outbox table as the worker uses it, once per engine. `claimDue` is the
 * heart: it hands each due lane head to exactly one worker, whichever process
 * or replica asks, and never a row behind an older one of its lane still pending.
 */
export interface OutboxQueue {
  enqueue(workspaceId: string, input: EnqueueInput, now: number): Promise<number>;
  /** Claims for `owner` the oldest due row of up to `limit` lanes not in `busyLanes`; rows come back as claimed (attempts counted). */
  claimDue(now: number, limit: number, busyLanes: ReadonlySet<string>, owner: string): Promise<OutboxRow[]>;
  /** Whether any lane outside `busyLanes` has a row due. */
  hasDue(now: number, busyLanes: ReadonlySet<string>): Promise<boolean>;
  markDone(id: number, now: number, result: unknown): Promise<void>;
  /** Back to pending until `nextAttemptAt`; `uncertain` when the failed attempt may have taken effect. */
  markRetry(id: number, nextAttemptAt: number, error: string, uncertain: boolean): Promise<void>;
  markDead(id: number, now: number, error: string): Promise<void>;
  /** Tells other processes that `owner` is still sending the rows `ids`. */
  renewLeases(owner: string, now: number, ids: readonly number[]): Promise<void>;
  /**
   * Rows claimed by `owner` that it never started (a claim whose answer was
   * lost with the connection) go back to pending at once; `launched` are the
   * ones it is sending. Returns how many.
   */
  releaseUnlaunched(owner: string, launched: readonly number[]): Promise<number>;
  /**
   * Rows left in 'sending' by a process that is gone go back to pending, marked
   * uncertain (they may have gone out): gone when its lease lapsed, or sooner
   * when `isGone` knows. Returns how many.
   */
  recoverInterrupted(now: number, leaseMs: number, isGone: (owner: string) => boolean): Promise<number>;
  get(id: number): Promise<OutboxRow | undefined>;
  /** Writes not yet done by lane kind (`slack:post`, `tracker:github`…), with the oldest one's creation time. */
  pendingByLaneKind(): Promise<{ laneKind: string; pending: number; oldestCreatedAt: number }[]>;
}

/** `slack:post:C123` → `slack:post`: the lane without its channel or issue. */
export function laneKindOf(lane: string): string {
  return lane.split(':').slice(0, 2).join(':');
}
