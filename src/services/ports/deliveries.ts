/**
 * Inbound deliveries already applied (Slack event ids, X-GitHub-Delivery,
 * Linear-Delivery): a unique key in the database, so a retry or a redelivery
 * to another replica changes nothing the second time.
 */
export interface DeliveriesStore {
  /** Records the delivery in the caller's transaction; false when it was seen before. */
  mark(source: string, deliveryId: string, now: number): Promise<boolean>;
}
