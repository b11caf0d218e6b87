import { and, desc, eq, gte, isNotNull, isNull, lt, lte, ne, sql } from 'drizzle-orm';
import type { CustomerUpsert, NewTicketEvent, TargetClock } from '../../services/ports/tickets';
import type { Db } from './client';
import { statement } from './statements';
import { customers, ticketEvents, tickets } from './schema';

export type TicketRow = typeof tickets.$inferSelect;
export type NewTicket = typeof tickets.$inferInsert;
/** What a new ticket is stored with; the rest (status, claims, ratings…) starts empty. */
export type IntakeTicket = Pick<
  NewTicket,
  | 'workspaceId'
  | 'source'
  | 'externalId'
  | 'customerId'
  | 'customerKey'
  | 'subject'
  | 'text'
  | 'url'
  | 'priority'
  | 'originChannelId'
  | 'originTs'
  | 'permalink'
  | 'requesterSlackId'
  | 'createdBy'
  | 'dutyTeamId'
  | 'nextTargetAt'
  | 'createdAt'
  | 'updatedAt'
  | 'topic'
>;

export class TicketsRepo {
  constructor(private readonly db: Db) {}

  /** On SQLite a unit of work holds the only write lock (BEGIN IMMEDIATE): the plain read already holds. */
  byIdForChange(workspaceId: string, id: number): TicketRow | undefined {
    return this.byId(workspaceId, id);
  }

  byId(workspaceId: string, id: number): TicketRow | undefined {
    return this.db
      .select()
      .from(tickets)
      .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.id, id)))
      .get();
  }

  bySourceExternal(workspaceId: string, source: string, externalId: string): TicketRow | undefined {
    return this.db
      .select()
      .from(tickets)
      .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.source, source), eq(tickets.externalId, externalId)))
      .get();
  }

  /** The id alone, by a prepared statement: the intake's duplicate check. */
  idBySourceExternal(workspaceId: string, source: string, externalId: string): number | undefined {
    const r = statement(
      this.db,
      'SELECT id FROM tickets WHERE workspace_id = ? AND source = ? AND external_id = ?',
    ).get(workspaceId, source, externalId) as { id: number } | undefined;
    return r?.id;
  }

  idByOrigin(workspaceId: string, channel: string, ts: string): number | undefined {
    const r = statement(
      this.db,
      'SELECT id FROM tickets WHERE workspace_id = ? AND origin_channel_id = ? AND origin_ts = ?',
    ).get(workspaceId, channel, ts) as { id: number } | undefined;
    return r?.id;
  }

  byOrigin(workspaceId: string, channel: string, ts: string): TicketRow | undefined {
    return this.db
      .select()
      .from(tickets)
      .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.originChannelId, channel), eq(tickets.originTs, ts)))
      .get();
  }

  byCard(workspaceId: string, channel: string, ts: string): TicketRow | undefined {
    return this.db
      .select()
      .from(tickets)
      .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.cardChannelId, channel), eq(tickets.cardTs, ts)))
      .get();
  }

  /** Inserts unless (source, externalId) exists; returns the new id, or null when it existed. */
  insert(row: IntakeTicket): number | null {
    const r = statement(this.db, insertTicketSql).get({
      workspace_id: row.workspaceId,
      source: row.source,
      external_id: row.externalId ?? null,
      customer_id: row.customerId ?? null,
      customer_key: row.customerKey ?? null,
      subject: row.subject ?? null,
      text: row.text,
      url: row.url ?? null,
      priority: row.priority ?? 'normal',
      origin_channel_id: row.originChannelId ?? null,
      origin_ts: row.originTs ?? null,
      permalink: row.permalink ?? null,
      requester_slack_id: row.requesterSlackId ?? null,
      created_by: row.createdBy ?? null,
      duty_team_id: row.dutyTeamId ?? null,
      next_target_at: row.nextTargetAt ?? null,
      created_at: row.createdAt,
      updated_at: row.updatedAt,
      topic: row.topic ?? 'other',
    }) as { id: number } | undefined;
    return r?.id ?? null;
  }

  insertMany(rows: readonly IntakeTicket[]): (number | null)[] {
    return rows.map((row) => this.insert(row));
  }

  addEvents(events: readonly NewTicketEvent[]): void {
    for (const e of events) this.addEvent(e.workspaceId, e.ticketId, e.type, e.actor, e.at, e.data);
  }

  upsertCustomers(workspaceId: string, list: readonly CustomerUpsert[], now: number): number[] {
    return list.map((c) => this.upsertCustomer(workspaceId, c.key, c.fields, now));
  }

  update(workspaceId: string, id: number, set: Partial<NewTicket>): void {
    this.db
      .update(tickets)
      .set(set)
      .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.id, id)))
      .run();
  }

  addEvent(
    workspaceId: string,
    ticketId: number,
    type: string,
    actor: string | null,
    at: number,
    data?: unknown,
  ): void {
    statement(
      this.db,
      'INSERT INTO ticket_events (workspace_id, ticket_id, type, actor, at, data) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(workspaceId, ticketId, type, actor, at, data === undefined || data === null ? null : JSON.stringify(data));
  }

  /** The customer with this key, else a new one with these fields. */
  upsertCustomer(
    workspaceId: string,
    key: string,
    c: {
      slackUserId?: string | null;
      email?: string | null;
      name?: string | null;
      company?: string | null;
      externalId?: string | null;
    },
    now: number,
  ): number {
    const find = statement(this.db, 'SELECT id FROM customers WHERE workspace_id = ? AND key = ?');
    const existing = find.get(workspaceId, key) as { id: number } | undefined;
    if (existing) return existing.id;
    const r = statement(
      this.db,
      `INSERT INTO customers (workspace_id, key, slack_user_id, email, name, company, external_id, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id`,
    ).get(
      workspaceId,
      key,
      c.slackUserId ?? null,
      c.email ?? null,
      c.name ?? null,
      c.company ?? null,
      c.externalId ?? null,
      now,
    ) as { id: number } | undefined;
    return r?.id ?? (find.get(workspaceId, key) as { id: number }).id;
  }

  hasEvent(ticketId: number, type: string): boolean {
    return (
      this.db
        .select({ id: ticketEvents.id })
        .from(ticketEvents)
        .where(and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.type, type)))
        .limit(1)
        .get() !== undefined
    );
  }

  /** The data of the ticket's first event of this type. */
  eventData(ticketId: number, type: string): unknown {
    return this.db
      .select({ data: ticketEvents.data })
      .from(ticketEvents)
      .where(and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.type, type)))
      .limit(1)
      .get()?.data;
  }

  customer(id: number) {
    return this.db.select().from(customers).where(eq(customers.id, id)).get();
  }

  /** Unresolved tickets whose next target reminder is due at `now` (an index keeps this cheap). */
  dueForTargets(workspaceId: string, now: number): TargetClock[] {
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
      )
      .all();
  }

  /** How many tickets were resolved in [from, to). */
  countResolvedBetween(workspaceId: string, from: number, to: number): number {
    return this.count(
      and(
        eq(tickets.workspaceId, workspaceId),
        isNotNull(tickets.resolvedAt),
        gte(tickets.resolvedAt, from),
        lt(tickets.resolvedAt, to),
      ),
    );
  }

  /** How many tickets are not resolved. */
  countOpen(workspaceId: string): number {
    return this.count(and(eq(tickets.workspaceId, workspaceId), ne(tickets.status, 'resolved')));
  }

  countWaitingForCard(workspaceId: string): number {
    return this.count(and(eq(tickets.workspaceId, workspaceId), isNull(tickets.cardTs)));
  }

  textsWaitingForCard(workspaceId: string, limit: number): string[] {
    return this.db
      .select({ text: tickets.text })
      .from(tickets)
      .where(and(eq(tickets.workspaceId, workspaceId), isNull(tickets.cardTs)))
      .orderBy(desc(tickets.id))
      .limit(limit)
      .all()
      .map((r) => r.text);
  }

  private count(where: ReturnType<typeof and>): number {
    return this.db.select({ n: sql<number>`count(*)` }).from(tickets).where(where).get()?.n ?? 0;
  }
}

const insertTicketSql = `INSERT INTO tickets (workspace_id, source, external_id, customer_id, customer_key, subject, text, url, priority,
    origin_channel_id, origin_ts, permalink, requester_slack_id, created_by, duty_team_id, next_target_at, created_at, updated_at, topic)
  VALUES (@workspace_id, @source, @external_id, @customer_id, @customer_key, @subject, @text, @url, @priority,
    @origin_channel_id, @origin_ts, @permalink, @requester_slack_id, @created_by, @duty_team_id, @next_target_at, @created_at, @updated_at, @topic)
  ON CONFLICT DO NOTHING RETURNING id`;
