import type { DeliveriesStore } from '../../../services/ports/deliveries';
import type { PgDb } from './client';
import { processedDeliveries } from './schema';

/** Inbound deliveries already applied, on PostgreSQL: the (source, id) key makes a redelivery a no-op. */
export class PgDeliveriesStore implements DeliveriesStore {
  constructor(private readonly db: PgDb) {}

  async mark(source: string, deliveryId: string, now: number): Promise<boolean> {
    const inserted = await this.db
      .insert(processedDeliveries)
      .values({ source, deliveryId, receivedAt: now })
      .onConflictDoNothing()
      .returning({ source: processedDeliveries.source });
    return inserted.length === 1;
  }
}
