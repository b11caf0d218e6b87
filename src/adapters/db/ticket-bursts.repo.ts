import { and, eq, sql } from 'drizzle-orm';
import type { Db } from './client';
import { ticketBursts } from './schema';

export type TicketBurst = typeof ticketBursts.$inferSelect;

/** The burst card per duty channel (see ticketBursts). */
export class TicketBurstsRepo {
  constructor(private readonly db: Db) {}

  get(workspaceId: string, channelId: string): TicketBurst | undefined {
    return this.db
      .select()
      .from(ticketBursts)
      .where(and(eq(ticketBursts.workspaceId, workspaceId), eq(ticketBursts.channelId, channelId)))
      .get();
  }

  /** The card was posted or refreshed: its slot count starts again. */
  save(burst: Omit<TicketBurst, 'slots'>): void {
    this.db
      .insert(ticketBursts)
      .values({ ...burst, slots: 0 })
      .onConflictDoUpdate({
        target: [ticketBursts.workspaceId, ticketBursts.channelId],
        set: { cardChannelId: burst.cardChannelId, cardTs: burst.cardTs, since: burst.since, slots: 0 },
      })
      .run();
  }

  /** A ticket card took one of the channel's slots. */
  countSlot(workspaceId: string, channelId: string): void {
    this.db
      .update(ticketBursts)
      .set({ slots: sql`${ticketBursts.slots} + 1` })
      .where(and(eq(ticketBursts.workspaceId, workspaceId), eq(ticketBursts.channelId, channelId)))
      .run();
  }

  /** Nothing waits any more: the next burst gets a card of its own. */
  end(workspaceId: string, channelId: string): void {
    this.db
      .delete(ticketBursts)
      .where(and(eq(ticketBursts.workspaceId, workspaceId), eq(ticketBursts.channelId, channelId)))
      .run();
  }
}
