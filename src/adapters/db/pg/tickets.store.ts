import { and, count, desc, eq, getTableColumns, gte, isNotNull, isNull, lt, lte, ne, type SQL } from 'drizzle-orm';
import type {
  CustomerFields,
  CustomerUpsert,
  IntakeTicket,
  NewTicketEvent,
  Ticket,
  TicketChanges,
  TicketsStore,
} from '../../../services/ports/tickets';
import type { PgDb } from './client';
import { customers, ticketEvents, tickets } from './schema';
import { jsonParam, namedRows } from './statements';

const insertTicketSql = `INSERT INTO tickets (workspace_id, source, external_id, customer_id, customer_key, subject, text, url,
    priority, origin_channel_id, origin_ts, permalink, requester_slack_id, created_by, duty_team_id, next_target_at,
    created_at, updated_at, topic)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
  ON CONFLICT DO NOTHING RETURNING id`;

/**
 * The customer with this key, else a new one, in one statement: the common
 * case (a customer seen before) is an index lookup, with no insert tried.
 */
const findOrInsertCustomerSql = `WITH found AS (SELECT id FROM customers WHERE workspace_id = $1::text AND key = $2::text),
  inserted AS (
    INSERT INTO customers (workspace_id, key, slack_user_id, email, name, company, external_id, created_at)
    SELECT $1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::bigint
    WHERE NOT EXISTS (SELECT 1 FROM found)
    ON CONFLICT DO NOTHING RETURNING id)
  SELECT id FROM found UNION ALL SELECT id FROM inserted`;

/** insertTicketSql for many rows: one array per column, inserted in array order. */
const insertTicketsSql = `INSERT INTO tickets (workspace_id, source, external_id, customer_id, customer_key, subject, text, url,
    priority, origin_channel_id, origin_ts, permalink, requester_slack_id, created_by, duty_team_id, next_target_at,
    created_at, updated_at, topic)
  SELECT workspace_id, source, external_id, customer_id, customer_key, subject, text, url, priority, origin_channel_id,
    origin_ts, permalink, requester_slack_id, created_by, duty_team_id, next_target_at, created_at, updated_at, topic
  FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
    $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::int[], $16::bigint[], $17::bigint[],
    $18::bigint[], $19::text[])
    WITH ORDINALITY AS r(workspace_id, source, external_id, customer_id, customer_key, subject, text, url, priority,
      origin_channel_id, origin_ts, permalink, requester_slack_id, created_by, duty_team_id, next_target_at, created_at,
      updated_at, topic, ord)
  ORDER BY ord
  ON CONFLICT DO NOTHING RETURNING id, source, external_id`;

const insertEventsSql = `INSERT INTO ticket_events (workspace_id, ticket_id, type, actor, at, data)
  SELECT workspace_id, ticket_id, type, actor, at, data::jsonb
  FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::bigint[], $6::text[])
    AS e(workspace_id, ticket_id, type, actor, at, data)`;

/**
 * findOrInsertCustomerSql for many keys (each once): the ids of those found
 * and of those inserted; a key another transaction inserted meanwhile has none.
 */
const findOrInsertCustomersSql = `WITH wanted AS (
    SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
      WITH ORDINALITY AS w(key, slack_user_id, email, name, company, external_id, ord)),
  found AS (SELECT c.id, c.key FROM customers c JOIN wanted w ON c.workspace_id = $1 AND c.key = w.key),
  inserted AS (
    INSERT INTO customers (workspace_id, key, slack_user_id, email, name, company, external_id, created_at)
    SELECT $1, w.key, w.slack_user_id, w.email, w.name, w.company, w.external_id, $8::bigint
    FROM wanted w WHERE w.key NOT IN (SELECT key FROM found) ORDER BY w.ord
    ON CONFLICT DO NOTHING RETURNING id, key)
  SELECT id, key FROM found UNION ALL SELECT id, key FROM inserted`;

/**
 * A ticket by id with every column under its property name, as drizzle's
 * select() returns it, by a prepared statement: card actions and the card
 * writer read a ticket for every click and every card.
 */
const ticketByIdSql = `SELECT ${Object.entries(getTableColumns(tickets))
  .map(([key, column]) => `"${column.name}" AS "${key}"`)
  .join(', ')} FROM tickets WHERE workspace_id = $1 AND id = $2`;

/** Tickets, their customers and events on PostgreSQL. */
export class PgTicketsStore implements TicketsStore {
  constructor(private readonly db: PgDb) {}

  async byId(workspaceId: string, id: number) {
    const [row] = await namedRows<Ticket>(this.db, 'dl_ticket_by_id', ticketByIdSql, [workspaceId, id]);
    return row;
  }

  /** SELECT … FOR UPDATE: the row stays locked until the transaction ends; a second changer waits, then reads the result. */
  async byIdForChange(workspaceId: string, id: number) {
    const [row] = await namedRows<Ticket>(this.db, 'dl_ticket_by_id_for_update', `${ticketByIdSql} FOR UPDATE`, [
      workspaceId,
      id,
    ]);
    return row;
  }

  async bySourceExternal(workspaceId: string, source: string, externalId: string) {
    const [row] = await this.db
      .select()
      .from(tickets)
      .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.source, source), eq(tickets.externalId, externalId)));
    return row;
  }

  /** The id alone, by a prepared statement: the intake's duplicate check. */
  async idBySourceExternal(workspaceId: string, source: string, externalId: string) {
    const [row] = await namedRows<{ id: number }>(
      this.db,
      'dl_ticket_id_by_source_external',
      'SELECT id FROM tickets WHERE workspace_id = $1 AND source = $2 AND external_id = $3',
      [workspaceId, source, externalId],
    );
    return row?.id;
  }

  async idByOrigin(workspaceId: string, channel: string, ts: string) {
    const [row] = await namedRows<{ id: number }>(
      this.db,
      'dl_ticket_id_by_origin',
      'SELECT id FROM tickets WHERE workspace_id = $1 AND origin_channel_id = $2 AND origin_ts = $3',
      [workspaceId, channel, ts],
    );
    return row?.id;
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
    const [inserted] = await namedRows<{ id: number }>(this.db, 'dl_ticket_insert', insertTicketSql, [
      row.workspaceId,
      row.source,
      row.externalId,
      row.customerId ?? null,
      row.customerKey ?? null,
      row.subject ?? null,
      row.text,
      row.url ?? null,
      row.priority ?? 'normal',
      row.originChannelId ?? null,
      row.originTs ?? null,
      row.permalink ?? null,
      row.requesterSlackId ?? null,
      row.createdBy ?? null,
      row.dutyTeamId ?? null,
      row.nextTargetAt ?? null,
      row.createdAt,
      row.updatedAt,
      row.topic ?? 'other',
    ]);
    return inserted?.id ?? null;
  }

  async insertMany(rows: readonly IntakeTicket[]) {
    if (rows.length === 0) return [];
    const column = <T>(of: (row: IntakeTicket) => T) => rows.map(of);
    const inserted = await namedRows<{ id: number; source: string; external_id: string }>(
      this.db,
      'dl_tickets_insert_many',
      insertTicketsSql,
      [
        column((r) => r.workspaceId),
        column((r) => r.source),
        column((r) => r.externalId),
        column((r) => r.customerId ?? null),
        column((r) => r.customerKey ?? null),
        column((r) => r.subject ?? null),
        column((r) => r.text),
        column((r) => r.url ?? null),
        column((r) => r.priority ?? 'normal'),
        column((r) => r.originChannelId ?? null),
        column((r) => r.originTs ?? null),
        column((r) => r.permalink ?? null),
        column((r) => r.requesterSlackId ?? null),
        column((r) => r.createdBy ?? null),
        column((r) => r.dutyTeamId ?? null),
        column((r) => r.nextTargetAt ?? null),
        column((r) => r.createdAt),
        column((r) => r.updatedAt),
        column((r) => r.topic ?? 'other'),
      ],
    );
    // A key given twice was inserted for its first row; the later ones existed by then.
    const idOf = new Map(inserted.map((r) => [sourceKey(r.source, r.external_id), r.id]));
    return rows.map((row) => {
      const key = sourceKey(row.source, row.externalId);
      const id = idOf.get(key) ?? null;
      idOf.delete(key);
      return id;
    });
  }

  async addEvents(events: readonly NewTicketEvent[]) {
    if (events.length === 0) return;
    await namedRows(this.db, 'dl_ticket_events_insert_many', insertEventsSql, [
      events.map((e) => e.workspaceId),
      events.map((e) => e.ticketId),
      events.map((e) => e.type),
      events.map((e) => e.actor),
      events.map((e) => e.at),
      events.map((e) => jsonParam(e.data)),
    ]);
  }

  async upsertCustomers(workspaceId: string, list: readonly CustomerUpsert[], now: number) {
    // A key given twice is created with the fields it came with first, as one after the other would.
    const firstOf = new Map<string, CustomerUpsert>();
    for (const c of list) if (!firstOf.has(c.key)) firstOf.set(c.key, c);
    const unique = [...firstOf.values()];
    const field = (of: (f: CustomerFields) => string | null | undefined) => unique.map((c) => of(c.fields) ?? null);
    const rows = await namedRows<{ id: number; key: string }>(
      this.db,
      'dl_customers_find_or_insert_many',
      findOrInsertCustomersSql,
      [
        workspaceId,
        unique.map((c) => c.key),
        field((f) => f.slackUserId),
        field((f) => f.email),
        field((f) => f.name),
        field((f) => f.company),
        field((f) => f.externalId),
        now,
      ],
    );
    const idOf = new Map(rows.map((r) => [r.key, r.id]));
    for (const c of unique)
      if (!idOf.has(c.key)) idOf.set(c.key, await this.upsertCustomer(workspaceId, c.key, c.fields, now));
    return list.map((c) => idOf.get(c.key)!);
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
    await namedRows(
      this.db,
      'dl_ticket_event_insert',
      'INSERT INTO ticket_events (workspace_id, ticket_id, type, actor, at, data) VALUES ($1, $2, $3, $4, $5, $6)',
      [workspaceId, ticketId, type, actor, at, jsonParam(data)],
    );
  }

  async upsertCustomer(workspaceId: string, key: string, c: CustomerFields, now: number) {
    const [row] = await namedRows<{ id: number }>(this.db, 'dl_customer_find_or_insert', findOrInsertCustomerSql, [
      workspaceId,
      key,
      c.slackUserId ?? null,
      c.email ?? null,
      c.name ?? null,
      c.company ?? null,
      c.externalId ?? null,
      now,
    ]);
    if (row) return row.id;
    // Inserted meanwhile by a transaction that committed after this statement began: it is there now.
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

function sourceKey(source: string, externalId: string): string {
  return JSON.stringify([source, externalId]);
}
