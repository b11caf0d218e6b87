import type Database from 'better-sqlite3';
import type { Ctx } from '../../services/context';
import type { Notify } from '../../services/ports/notify';
import type { Repositories } from '../../services/ports/repositories';
import type { UnitOfWork } from '../../services/ports/unit-of-work';

/**
 * Units of work on one SQLite connection. better-sqlite3 answers synchronously,
 * so a transaction is BEGIN IMMEDIATE … COMMIT around the awaited use case, and
 * units of work take turns: while one is open, the next waits, and so does
 * every repository call made outside a unit of work (see `Gate`), so nothing
 * else writes into — or reads half of — an open transaction.
 */
export class SqliteUnitOfWork implements UnitOfWork<Ctx> {
  readonly gate = new Gate();
  private enqueued = false;
  /** What to do once the open transaction commits (counted in /metrics only then). */
  private committed: (() => void)[] = [];
  /** A transaction is open on the connection right now (not merely queued). */
  private open = false;
  /** How deep the savepoints of the open transaction are nested. */
  private savepoints = 0;

  constructor(
    private readonly conn: Database.Database,
    /** The repositories as a transaction sees them: straight to the connection, no waiting at the gate. */
    private readonly inside: Repositories,
    /** Called once after a commit that queued outbox rows. */
    private afterCommit: () => void = () => undefined,
  ) {}

  /** How a transaction's messages are queued: on its own stores (set at wiring: adapters/slack renders). */
  private notifyOn: (repos: Repositories) => Notify = () => {
    throw new Error('no notify bound to the unit of work');
  };

  /** Who to wake after a commit that queued outbox rows (the outbox worker, once it exists). */
  onCommitWithOutbox(wake: () => void): void {
    this.afterCommit = wake;
  }

  /** Messages queued inside a transaction go through `notifyOn(its stores)`. */
  bindNotify(notifyOn: (repos: Repositories) => Notify): void {
    this.notifyOn = notifyOn;
  }

  run<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
    return this.gate.exclusive(() => this.runNow(ctx, fn));
  }

  /** Outside a transaction, a unit of work of its own (inside one, `joined.savepoint` below). */
  savepoint<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
    return this.run(ctx, fn);
  }

  /** Wakes the outbox worker now (after a commit made outside a unit of work). */
  wakeOutbox(): void {
    this.afterCommit();
  }

  /** Runs `fn` after the open transaction commits (dropped if it rolls back), or now outside one. */
  whenCommitted(fn: () => void): void {
    if (this.open) this.committed.push(fn);
    else fn();
  }

  /** The outbox store says a row was queued: inside a transaction, wake the worker after the commit. */
  noteEnqueued(): void {
    if (this.open) this.enqueued = true;
    else this.afterCommit();
  }

  /** SAVEPOINT … RELEASE around `fn`; on a throw, what it did is rolled back, and so are its commit callbacks. */
  private async inSavepoint<T>(tx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
    const name = `sp${++this.savepoints}`;
    const callbacks = this.committed.length;
    this.conn.exec(`SAVEPOINT ${name}`);
    try {
      const result = await fn(tx);
      this.conn.exec(`RELEASE ${name}`);
      return result;
    } catch (err) {
      this.conn.exec(`ROLLBACK TO ${name}`);
      this.conn.exec(`RELEASE ${name}`);
      this.committed.length = callbacks;
      throw err;
    } finally {
      this.savepoints--;
    }
  }

  private async runNow<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
    const joined: UnitOfWork<Ctx> = {
      run: (inner, innerFn) => innerFn(inner),
      savepoint: (inner, innerFn) => this.inSavepoint(inner, innerFn),
    };
    const tx: Ctx = { ...ctx, uow: joined, repos: this.inside, notify: this.notifyOn(this.inside) };
    this.enqueued = false;
    this.conn.exec('BEGIN IMMEDIATE');
    this.open = true;
    try {
      const result = await fn(tx);
      this.conn.exec('COMMIT');
      this.open = false;
      for (const fn of this.committed) fn();
      if (this.enqueued) this.afterCommit();
      return result;
    } catch (err) {
      if (this.conn.inTransaction) this.conn.exec('ROLLBACK');
      throw err;
    } finally {
      this.open = false;
      this.enqueued = false;
      this.committed = [];
    }
  }
}

/**
 * A turnstile: `exclusive` runs one task at a time, in arrival order; `pass`
 * runs at once when nothing exclusive is open (the common case, no promise
 * hop), and otherwise after it.
 */
export class Gate {
  private tail: Promise<unknown> = Promise.resolve();
  private depth = 0;

  get held(): boolean {
    return this.depth > 0;
  }

  exclusive<T>(task: () => Promise<T>): Promise<T> {
    this.depth++;
    const run = this.tail.then(task);
    const done = run.finally(() => this.depth--);
    this.tail = done.catch(() => undefined);
    return done;
  }

  pass<T>(call: () => T): Promise<T> {
    if (this.depth === 0) {
      try {
        return Promise.resolve(call());
      } catch (err) {
        return Promise.reject(err);
      }
    }
    return this.tail.then(call);
  }
}
