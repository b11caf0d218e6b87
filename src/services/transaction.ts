import type { Ctx } from './context';
import type { UnitOfWorkOptions } from './ports/unit-of-work';

/** `fn` in one unit of work (see ports/unit-of-work.ts); inside another, it joins it. */
export function inTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>, options?: UnitOfWorkOptions): Promise<T> {
  return ctx.uow.run(ctx, fn, options);
}

/** `fn` inside the open unit of work, undone alone if it throws (see UnitOfWork.savepoint). */
export function inSavepoint<T>(tx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  return tx.uow.savepoint(tx, fn);
}
