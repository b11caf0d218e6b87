import type { Ctx } from '../../../services/context';
import type { Notify } from '../../../services/ports/notify';
import type { Repositories } from '../../../services/ports/repositories';
import type { UnitOfWork } from '../../../services/ports/unit-of-work';
import type { PgDb } from './client';

/**
 * Units of work on PostgreSQL: one transaction on one pooled connection, with
 * the stores bound to it. Unlike SQLite's, several run at once (the database
 * serialises what conflicts); the outbox is woken after a commit that queued rows.
 */
export class PgUnitOfWork implements UnitOfWork {
  private notifyOn: (repos: Repositories) => Notify = () => {
    throw new Error('no notify bound to the unit of work');
  };
  private afterCommit: () => void = () => undefined;

  constructor(
    private readonly db: PgDb,
    /** The stores on a transaction; `onEnqueued` is called when one queues an outbox row. */
    private readonly storesOn: (tx: PgDb, onEnqueued: () => void) => Repositories,
  ) {}

  onCommitWithOutbox(wake: () => void): void {
    this.afterCommit = wake;
  }

  /** Wakes the outbox for a row queued outside any unit of work (already committed). */
  wakeOutbox(): void {
    this.afterCommit();
  }

  bindNotify(notifyOn: (repos: Repositories) => Notify): void {
    this.notifyOn = notifyOn;
  }

  async run<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
    let enqueued = false;
    const onEnqueued = () => {
      enqueued = true;
    };
    const result = await this.db.transaction((tx) => this.within(tx as unknown as PgDb, ctx, fn, onEnqueued));
    if (enqueued) this.afterCommit();
    return result;
  }

  /** Outside a transaction, a unit of work of its own (inside one, a nested transaction: a savepoint). */
  savepoint<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
    return this.run(ctx, fn);
  }

  /** `fn` on the stores of `tx`; units of work started inside join it, savepoints nest in it. */
  private within<T>(tx: PgDb, ctx: Ctx, fn: (tx: Ctx) => Promise<T>, onEnqueued: () => void): Promise<T> {
    const repos = this.storesOn(tx, onEnqueued);
    const joined: UnitOfWork = {
      run: (inner, innerFn) => innerFn(inner),
      savepoint: (inner, innerFn) =>
        tx.transaction((sp) => this.within(sp as unknown as PgDb, inner, innerFn, onEnqueued)),
    };
    return fn({ ...ctx, uow: joined, repos, notify: this.notifyOn(repos) });
  }
}
