import { and, eq } from 'drizzle-orm';
import type { Db } from './client';
import { customers, ticketEvents, tickets } from './schema';

export type TicketRow = typeof tickets.$inferSelect;
export type NewTicket = typeof tickets.$inferInsert;

export class TicketsRepo {
  constructor(private readonly db: Db) {}

  byId(workspaceId: string, id: number): TicketRow | undefined {
    return this.db.select().from(tickets).where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.id, id))).get();
  }

  bySourceExternal(workspaceId: string, source: string, externalId: string): TicketRow | undefined {
    return this.db
      .select()
      .from(tickets)
      .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.source, source), eq(tickets.externalId, externalId)))
      .get();
  }

  byOrigin(workspaceId: string, channel: string, ts: string): TicketRow | undefined {
    return this.db.select().from(tickets).where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.originChannelId, channel), eq(tickets.originTs, ts))).get();
  }

  byCard(workspaceId: string, channel: string, ts: string): TicketRow | undefined {
    return this.db.select().from(tickets).where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.cardChannelId, channel), eq(tickets.cardTs, ts))).get();
  }

  /** Inserts unless (source, externalId) exists; returns the new id, or null when it existed. */
  insert(row: NewTicket): number | null {
    const r = this.db.insert(tickets).values(row).onConflictDoNothing().returning({ id: tickets.id }).get();
    return r?.id ?? null;
  }

  update(workspaceId: string, id: number, set: Partial<NewTicket>): void {
    this.db.update(tickets).set(set).where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.id, id))).run();
  }

  addEvent(workspaceId: string, ticketId: number, type: string, actor: string | null, at: number, data?: unknown): void {
    this.db.insert(ticketEvents).values({ workspaceId, ticketId, type, actor, at, data: (data ?? null) as object | null }).run();
  }

  /** Finds or creates the customer by key, filling in what was missing. */
  upsertCustomer(workspaceId: string, key: string, c: { slackUserId?: string | null; email?: string | null; name?: string | null; company?: string | null; externalId?: string | null }, now: number): number {
    const existing = this.db.select().from(customers).where(and(eq(customers.workspaceId, workspaceId), eq(customers.key, key))).get();
    if (existing) return existing.id;
    const r = this.db
      .insert(customers)
      .values({ workspaceId, key, slackUserId: c.slackUserId ?? null, email: c.email ?? null, name: c.name ?? null, company: c.company ?? null, externalId: c.externalId ?? null, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: customers.id })
      .get();
    if (r) return r.id;
    return this.db.select({ id: customers.id }).from(customers).where(and(eq(customers.workspaceId, workspaceId), eq(customers.key, key))).get()!.id;
  }

  hasEvent(ticketId: number, type: string): boolean {
    return this.db.select({ id: ticketEvents.id }).from(ticketEvents).where(and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.type, type))).limit(1).get() !== undefined;
  }

  customer(id: number) {
    return this.db.select().from(customers).where(eq(customers.id, id)).get();
  }
}
