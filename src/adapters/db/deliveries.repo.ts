import type { Db } from './client';
import { processedDeliveries } from './schema';

/**
 * Remembers inbound deliveries (Slack event ids, X-GitHub-Delivery,
 * Linear-Delivery) so a retry or redelivery changes nothing the second time.
 * Call it inside the transaction that applies the delivery.
 */
export function markDelivered(db: Db, source: string, deliveryId: string, now: number): boolean {
  const r = db.insert(processedDeliveries).values({ source, deliveryId, receivedAt: now }).onConflictDoNothing().run();
  return r.changes === 1;
}

/** The deliveries store (services/ports/deliveries.ts) on SQLite. */
export class DeliveriesRepo {
  constructor(private readonly db: Db) {}

  mark(source: string, deliveryId: string, now: number): boolean {
    return markDelivered(this.db, source, deliveryId, now);
  }
}
