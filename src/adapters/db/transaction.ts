import type { Db } from './client';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
const inTransaction = new WeakSet<object>();

/**
 * Runs `fn` in a transaction, or inside the caller's when there already is one
 * (so services compose). better-sqlite3 is synchronous: `fn` must not await.
 */
export function withTransaction<C extends { db: Db }, T>(ctx: C, fn: (ctx: C) => T): T {
  if (inTransaction.has(ctx.db)) return fn(ctx);
  const result = ctx.db.transaction(
    (tx: Tx) => {
      const inner = tx as unknown as Db;
      inTransaction.add(inner);
      return fn({ ...ctx, db: inner });
    },
    { behavior: 'immediate' },
  );
  wakeOutboxOf(ctx);
  return result;
}

/**
 * The synchronous transactions of services not yet on the unit of work wake
 * the outbox after their commit too, so no caller kicks it by hand.
 */
export function wakeOutboxOf(ctx: object): void {
  (ctx as { uow?: { wakeOutbox?: () => void } }).uow?.wakeOutbox?.();
}
