import { and, eq, sql } from 'drizzle-orm';
import type { BurstsStore } from '../../../services/ports/tickets';
import type { PgDb } from './client';
import { ticketBursts } from './schema';

type TicketBurst = typeof ticketBursts.$inferSelect;

/** The burst card per duty channel on PostgreSQL (see ticketBursts). */
export class PgBurstsStore implements BurstsStore {
  constructor(private readonly db: PgDb) {}

  async get(workspaceId: string, channelId: string): Promise<TicketBurst | undefined> {
    const [row] = await this.db
      .select()
      .from(ticketBursts)
      .where(and(eq(ticketBursts.workspaceId, workspaceId), eq(ticketBursts.channelId, channelId)));
    return row;
  }

  async save(burst: Omit<TicketBurst, 'slots'>): Promise<void> {
    await this.db
      .insert(ticketBursts)
      .values({ ...burst, slots: 0 })
      .onConflictDoUpdate({
        target: [ticketBursts.workspaceId, ticketBursts.channelId],
        set: { cardChannelId: burst.cardChannelId, cardTs: burst.cardTs, since: burst.since, slots: 0 },
      });
  }

  async countSlot(workspaceId: string, channelId: string): Promise<void> {
    await this.db
      .update(ticketBursts)
      .set({ slots: sql`${ticketBursts.slots} + 1` })
      .where(and(eq(ticketBursts.workspaceId, workspaceId), eq(ticketBursts.channelId, channelId)));
  }

  async end(workspaceId: string, channelId: string): Promise<void> {
    await this.db
      .delete(ticketBursts)
      .where(and(eq(ticketBursts.workspaceId, workspaceId), eq(ticketBursts.channelId, channelId)));
  }
}
