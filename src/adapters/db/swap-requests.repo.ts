import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from './client';
import { swapRequests } from './schema';

export type SwapRequest = typeof swapRequests.$inferSelect;

export class SwapRequestsRepo {
  constructor(private readonly db: Db) {}

  create(row: Omit<typeof swapRequests.$inferInsert, 'id' | 'status'>): SwapRequest {
    return this.db.insert(swapRequests).values(row).returning().get();
  }

  get(workspaceId: string, id: number): SwapRequest | undefined {
    return this.db
      .select()
      .from(swapRequests)
      .where(and(eq(swapRequests.workspaceId, workspaceId), eq(swapRequests.id, id)))
      .get();
  }

  pending(workspaceId: string): SwapRequest[] {
    return this.db
      .select()
      .from(swapRequests)
      .where(and(eq(swapRequests.workspaceId, workspaceId), inArray(swapRequests.status, ['pending'])))
      .all();
  }

  /** Moves a pending request on; false when someone else already answered it. */
  settle(id: number, status: 'accepted' | 'declined' | 'expired'): boolean {
    return (
      this.db
        .update(swapRequests)
        .set({ status })
        .where(and(eq(swapRequests.id, id), eq(swapRequests.status, 'pending')))
        .run().changes === 1
    );
  }
}
