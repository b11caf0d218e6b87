import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../services/context';
import type { Notify } from '../../../services/ports/notify';
import type { Repositories } from '../../../services/ports/repositories';
import type { UnitOfWork, UnitOfWorkOptions } from '../../../services/ports/unit-of-work';
import type { PgDb } from './client';
import { withRetries } from './retry';

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

/** Named apart from drizzle's own (sp1, sp2…), which a store's nested `db.transaction` still takes. */
function savepointName(depth: number): string {
  return `uow_sp${depth}`;
}

/**
 * The savepoints of one transaction. A savepoint that succeeded is released
 * with the next one's SAVEPOINT, in the same round trip (a group commit opens
 * one per ticket), or by the COMMIT: until then it only stands, released or
 * not, between the statements that follow and the transaction, which neither
 * see a difference. Only the shallowest such savepoint is remembered: ending
 * an outer one releases or undoes those inside it too.
 */
class Savepoints {
  /** The depth of a savepoint that ended and whose release is still to be sent. */
  private unreleased: number | null = null;

  async open(tx: PgDb, depth: number): Promise<void> {
    const name = savepointName(depth);
    const release = this.unreleased === depth ? `release savepoint ${name}; ` : '';
    this.unreleased = null;
    await tx.execute(sql.raw(`${release}savepoint ${name}`));
  }

  /** The savepoint at `depth` succeeded: its release waits for the next round trip that can carry it. */
  released(depth: number): void {
    this.unreleased = depth;
  }

  /** Undoes what the savepoint at `depth` did, and any savepoint inside it. */
  async rollBack(tx: PgDb, depth: number): Promise<void> {
    this.unreleased = null;
    await tx.execute(sql.raw(`rollback to savepoint ${savepointName(depth)}`));
    // It still stands, empty: released with the next one, or by the COMMIT.
    this.unreleased = depth;
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

  /**
   * Runs `fn` in a transaction of its own. A transaction that failed before
   * its COMMIT was sent because the connection was lost (a server restart, a
   * failover, a killed backend) or because the database chose it as a
   * deadlock or serialisation victim committed nothing, and is run again on
   * a fresh connection. A failure during the COMMIT is retried only for an
   * idempotent unit of work: the transaction may have committed, and running
   * another twice could store twice.
   */
  async run<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>, options: UnitOfWorkOptions = {}): Promise<T> {
    let bodyDone = false;
    return withRetries(
      async () => {
        const hooks = new CommitCallbacks();
        bodyDone = false;
        const result = await this.db.transaction(async (tx) => {
          const value = await this.within(tx as unknown as PgDb, ctx, fn, hooks, 0, new Savepoints());
          bodyDone = true;
          return value;
        });
        hooks.committed();
        if (hooks.enqueued) this.afterCommit();
        return result;
      },
      () => !bodyDone || options.idempotent === true,
    );
  }

  /** Outside a transaction, a unit of work of its own (inside one, a nested transaction: a savepoint). */
  savepoint<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
    return this.run(ctx, fn);
  }

  /** `fn` on the stores of `tx`; units of work started inside join it, savepoints nest in it. */
  private within<T>(
    tx: PgDb,
    ctx: Ctx,
    fn: (tx: Ctx) => Promise<T>,
    hooks: CommitCallbacks,
    depth: number,
    savepoints: Savepoints,
  ): Promise<T> {
    const repos = this.storesOn(tx, hooks);
    const joined: UnitOfWork<Ctx> = {
      run: (inner, innerFn) => innerFn(inner),
      savepoint: async (inner, innerFn) => {
        const nested = new CommitCallbacks();
        const level = depth + 1;
        await savepoints.open(tx, level);
        let result: Awaited<ReturnType<typeof innerFn>>;
        try {
          result = await this.within(tx, inner, innerFn, nested, level, savepoints);
        } catch (err) {
          await savepoints.rollBack(tx, level);
          throw err;
        }
        savepoints.released(level);
        hooks.adopt(nested);
        return result;
      },
    };
    return fn({ ...ctx, uow: joined, repos, notify: this.notifyOn(repos) });
  }
}
