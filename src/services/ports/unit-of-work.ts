export interface UnitOfWorkOptions {
  /**
   * Running `fn` a second time after a first that committed stores nothing
   * more (what it inserts is keyed, as tickets are by source and external id).
   * A transaction whose COMMIT went out on a connection that was then lost may
   * have committed or not; only such a unit of work is run again.
   */
  idempotent?: boolean;
}

/**
 * One transaction around a use case's writes. Everything `fn` stores and every
 * message it queues through `ctx.notify` commits together or not at all, and
 * the outbox is woken once, after the commit — callers never kick it.
 *
 * A unit of work started inside another joins it. `fn` must not wait on the
 * network (Slack, a tracker): the transaction holds the write lock while it runs.
 *
 * `C` is the use cases' context (services/context.ts: `UnitOfWork<Ctx>`); the
 * transaction's context is the same with its stores and notify bound to it.
 */
export interface UnitOfWork<C> {
  run<T>(ctx: C, fn: (tx: C) => Promise<T>, options?: UnitOfWorkOptions): Promise<T>;
  /**
   * `fn` as a part of the open unit of work that fails alone: a throw undoes
   * what `fn` stored and queued, and nothing else (a savepoint). Outside a unit
   * of work it is one of its own. Group commit of the intake is built on it.
   */
  savepoint<T>(tx: C, fn: (tx: C) => Promise<T>): Promise<T>;
}
