import { and, count, desc, eq, gte, isNotNull, isNull, lt, lte, ne, type SQL } from 'drizzle-orm';
import type { IntakeTicket, TicketChanges, TicketsStore } from '../../../services/ports/tickets';
import type { PgDb } from './client';
import { customers, ticketEvents, tickets } from './schema';

/** Tickets, their customers and events on PostgreSQL. */
export class PgTicketsStore implements TicketsStore {
  constructor(private readonly db: PgDb) {}

  async byId(workspaceId: string, id: number) {
    const [row] = await this.db
      .select()
      .from(tickets)
      .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.id, id)));
    return row;
  }

  async bySourceExternal(workspaceId: string, source: string, externalId: string) {
    const [row] = await this.db
      .select()
      .from(tickets)
      .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.source, source), eq(tickets.externalId, externalId)));
    return row;
  }

  async idBySourceExternal(workspaceId: string, source: string, externalId: string) {
    return (await this.bySourceExternal(workspaceId, source, externalId))?.id;
  }

  async idByOrigin(workspaceId: string, channel: string, ts: string) {
    return (await this.byOrigin(workspaceId, channel, ts))?.id;
  }

  async byOrigin(workspaceId: string, channel: string, ts: string) {
    const [row] = await this.db
      .select()
      .from(tickets)
      .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.originChannelId, channel), eq(tickets.originTs, ts)));
    return row;
  }

  async byCard(workspaceId: string, channel: string, ts: string) {
    const [row] = await this.db
      .select()
      .from(tickets)
      .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.cardChannelId, channel), eq(tickets.cardTs, ts)));
    return row;
  }

  async insert(row: IntakeTicket) {
    const [inserted] = await this.db
      .insert(tickets)
      .values({ ...row, priority: row.priority ?? 'normal', topic: row.topic ?? 'other' })
      .onConflictDoNothing()
      .returning({ id: tickets.id });
    return inserted?.id ?? null;
  }

  async update(workspaceId: string, id: number, set: TicketChanges) {
    await this.db
      .update(tickets)
      .set(set)
      .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.id, id)));
  }

  async addEvent(
    workspaceId: string,
    ticketId: number,
    type: string,
    actor: string | null,
    at: number,
    data?: unknown,
  ) {
    await this.db.insert(ticketEvents).values({ workspaceId, ticketId, type, actor, at, data: data ?? null });
  }

  async upsertCustomer(
    workspaceId: string,
    key: string,
    c: Parameters<TicketsStore['upsertCustomer']>[2],
    now: number,
  ) {
    const [inserted] = await this.db
      .insert(customers)
      .values({
        workspaceId,
        key,
        slackUserId: c.slackUserId ?? null,
        email: c.email ?? null,
        name: c.name ?? null,
        company: c.company ?? null,
        externalId: c.externalId ?? null,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: customers.id });
    if (inserted) return inserted.id;
    const [existing] = await this.db
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.workspaceId, workspaceId), eq(customers.key, key)));
    return existing!.id;
  }

  async hasEvent(ticketId: number, type: string) {
    const [row] = await this.db
      .select({ id: ticketEvents.id })
      .from(ticketEvents)
      .where(and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.type, type)))
      .limit(1);
    return row !== undefined;
  }

  async eventData(ticketId: number, type: string) {
    const [row] = await this.db
      .select({ data: ticketEvents.data })
      .from(ticketEvents)
      .where(and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.type, type)))
      .orderBy(ticketEvents.id)
      .limit(1);
    return row?.data;
  }

  async customer(id: number) {
    const [row] = await this.db.select().from(customers).where(eq(customers.id, id));
    return row;
  }

  async dueForTargets(workspaceId: string, now: number) {
    return this.db
      .select({
        id: tickets.id,
        createdAt: tickets.createdAt,
        firstResponseAt: tickets.firstResponseAt,
        resolvedAt: tickets.resolvedAt,
      })
      .from(tickets)
      .where(
        and(
          eq(tickets.workspaceId, workspaceId),
          isNotNull(tickets.nextTargetAt),
          lte(tickets.nextTargetAt, now),
          ne(tickets.status, 'resolved'),
        ),
      );
  }

  async countResolvedBetween(workspaceId: string, from: number, to: number) {
    return this.count(
      and(
        eq(tickets.workspaceId, workspaceId),
        isNotNull(tickets.resolvedAt),
        gte(tickets.resolvedAt, from),
        lt(tickets.resolvedAt, to),
      ),
    );
  }

  async countOpen(workspaceId: string) {
    return this.count(and(eq(tickets.workspaceId, workspaceId), ne(tickets.status, 'resolved')));
  }

  async countWaitingForCard(workspaceId: string) {
    return this.count(and(eq(tickets.workspaceId, workspaceId), isNull(tickets.cardTs)));
  }

  async textsWaitingForCard(workspaceId: string, limit: number) {
    const rows = await this.db
      .select({ text: tickets.text })
      .from(tickets)
      .where(and(eq(tickets.workspaceId, workspaceId), isNull(tickets.cardTs)))
      .orderBy(desc(tickets.id))
      .limit(limit);
    return rows.map((r) => r.text);
  }

  private async count(where: SQL | undefined) {
    const [row] = await this.db.select({ n: count() }).from(tickets).where(where);
    return row?.n ?? 0;
  }
}
