import type { Ctx } from '../../../services/context';
import type { Notify } from '../../../services/ports/notify';
import type { Repositories } from '../../../services/ports/repositories';
import type { UnitOfWork } from '../../../services/ports/unit-of-work';
import type { PgDb } from './client';

/** What the stores of one transaction tell it: an outbox row was queued; something waits for the commit. */
export interface TransactionHooks {
  onEnqueued(): void;
  /** Runs `fn` once the transaction commits; dropped if it (or the savepoint it came from) rolls back. */
  whenCommitted(fn: () => void): void;
}

/** The hooks of a transaction, or of a savepoint whose callbacks join its parent's only if it succeeds. */
class CommitCallbacks implements TransactionHooks {
  enqueued = false;
  private readonly callbacks: (() => void)[] = [];

  onEnqueued(): void {
    this.enqueued = true;
  }

  whenCommitted(fn: () => void): void {
    this.callbacks.push(fn);
  }

  /** A savepoint released: what it waits for now waits for this transaction's commit. */
  adopt(savepoint: CommitCallbacks): void {
    this.enqueued ||= savepoint.enqueued;
    this.callbacks.push(...savepoint.callbacks);
  }

  committed(): void {
    for (const fn of this.callbacks) fn();
  }
}

/**
 * Units of work on PostgreSQL: one transaction on one pooled connection, with
 * the stores bound to it. Unlike SQLite's, several run at once (the database
 * serialises what conflicts); the outbox is woken after a commit that queued rows.
 */
export class PgUnitOfWork implements UnitOfWork<Ctx> {
  private notifyOn: (repos: Repositories) => Notify = () => {
    throw new Error('no notify bound to the unit of work');
  };
  private afterCommit: () => void = () => undefined;

  constructor(
    private readonly db: PgDb,
    /** The stores on a transaction, telling it through `hooks` what they queued and what waits for the commit. */
    private readonly storesOn: (tx: PgDb, hooks: TransactionHooks) => Repositories,
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
    const hooks = new CommitCallbacks();
    const result = await this.db.transaction((tx) => this.within(tx as unknown as PgDb, ctx, fn, hooks));
    hooks.committed();
    if (hooks.enqueued) this.afterCommit();
    return result;
  }

  /** Outside a transaction, a unit of work of its own (inside one, a nested transaction: a savepoint). */
  savepoint<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
    return this.run(ctx, fn);
  }

  /** `fn` on the stores of `tx`; units of work started inside join it, savepoints nest in it. */
  private within<T>(tx: PgDb, ctx: Ctx, fn: (tx: Ctx) => Promise<T>, hooks: CommitCallbacks): Promise<T> {
    const repos = this.storesOn(tx, hooks);
    const joined: UnitOfWork<Ctx> = {
      run: (inner, innerFn) => innerFn(inner),
      savepoint: async (inner, innerFn) => {
        const nested = new CommitCallbacks();
        const result = await tx.transaction((sp) => this.within(sp as unknown as PgDb, inner, innerFn, nested));
        hooks.adopt(nested);
        return result;
      },
    };
    return fn({ ...ctx, uow: joined, repos, notify: this.notifyOn(repos) });
  }
}
