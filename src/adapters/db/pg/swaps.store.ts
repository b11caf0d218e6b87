import { and, eq } from 'drizzle-orm';
import type { NewSwapRequest, SwapRequest, SwapsStore } from '../../../services/ports/rotation';
import type { PgDb } from './client';
import { swapRequests } from './schema';

/** Swap requests waiting for the other team's lead, on PostgreSQL. */
export class PgSwapsStore implements SwapsStore {
  constructor(private readonly db: PgDb) {}

  async create(row: Omit<NewSwapRequest, 'id' | 'status'>): Promise<SwapRequest> {
    const [created] = await this.db.insert(swapRequests).values(row).returning();
    return created!;
  }

  async get(workspaceId: string, id: number): Promise<SwapRequest | undefined> {
    const [row] = await this.db
      .select()
      .from(swapRequests)
      .where(and(eq(swapRequests.workspaceId, workspaceId), eq(swapRequests.id, id)));
    return row;
  }

  async pending(workspaceId: string): Promise<SwapRequest[]> {
    return this.db
      .select()
      .from(swapRequests)
      .where(and(eq(swapRequests.workspaceId, workspaceId), eq(swapRequests.status, 'pending')))
      .orderBy(swapRequests.id);
  }

  async settle(id: number, status: 'accepted' | 'declined' | 'expired'): Promise<boolean> {
    const settled = await this.db
      .update(swapRequests)
      .set({ status })
      .where(and(eq(swapRequests.id, id), eq(swapRequests.status, 'pending')))
      .returning({ id: swapRequests.id });
    return settled.length === 1;
  }
}
