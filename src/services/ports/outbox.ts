/**
 * The durable outbox, as services see it: a write queued in the caller's unit of
 * work, performed after the commit by a handler registered for its kind.
 */

export interface EnqueueInput {
  kind: string;
  /** Writes in one lane go out one at a time, in order, at the lane's pace. */
  lane: string;
  payload: unknown;
  /** Enqueueing the same key twice keeps the first row: idempotent producers. */
  dedupeKey?: string;
  notBefore?: number;
}

export interface OutboxStore {
  /** Returns the row id (the existing one when `dedupeKey` was seen before). */
  enqueue(workspaceId: string, input: EnqueueInput, now: number): Promise<number>;
  /** `enqueue` for each, in one statement where the engine allows (the ids are not needed). */
  enqueueMany(workspaceId: string, inputs: readonly EnqueueInput[], now: number): Promise<void>;
}
