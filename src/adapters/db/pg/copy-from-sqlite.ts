import type Database from 'better-sqlite3';
import { getTableColumns, getTableName, type Table } from 'drizzle-orm';
import type pg from 'pg';
import * as pgSchema from './schema';

/** One table's rows, in the SQLite file and in PostgreSQL after the copy. */
export interface CopiedTable {
  table: string;
  source: number;
  target: number;
}

/**
 * Tables in the order their foreign keys allow. The all-time leaderboard and
 * demand tables are not copied: they are rebuilt from the copied tickets and
 * links, and their counts compared like the rest.
 */
const copied: Table[] = [
  pgSchema.workspaces,
  pgSchema.teams,
  pgSchema.members,
  pgSchema.customers,
  pgSchema.tickets,
  pgSchema.ticketEvents,
  pgSchema.ticketBursts,
  pgSchema.trackerIssues,
  pgSchema.ticketIssueLinks,
  pgSchema.issueWritebacks,
  pgSchema.issueCustomerNeeds,
  pgSchema.issueStateNotices,
  pgSchema.rotationOverrides,
  pgSchema.rotationVersions,
  pgSchema.swapRequests,
  pgSchema.outbox,
  pgSchema.jobRuns,
  pgSchema.apiTokens,
  pgSchema.processedDeliveries,
  pgSchema.sessions,
  pgSchema.precedentSuggestions,
];
const rebuiltByTriggers = [
  'leaderboard_people',
  'leaderboard_responses',
  'issue_demand_totals',
  'issue_customer_links',
];

const batchRows = 500;

/** The tables whose triggers keep the rebuilt ones: off during the copy (one row at a time, they took hours over a million). */
const triggered = ['tickets', 'ticket_issue_links'];

/**
 * What the triggers of migrations/postgres/0001 keep, computed in one pass
 * each: a resolved ticket counts for whoever resolved it, and its first
 * response in its bucket; a customer counts for an issue with its links there.
 */
const rebuildTotals = [
  `INSERT INTO leaderboard_people (workspace_id, user_id, handled, rating_sum, ratings)
    SELECT workspace_id, resolved_by, count(*), coalesce(sum(rating), 0), count(rating) FROM tickets
    WHERE resolved_at IS NOT NULL AND resolved_by IS NOT NULL GROUP BY workspace_id, resolved_by`,
  `INSERT INTO leaderboard_responses (workspace_id, user_id, bucket, n)
    SELECT workspace_id, resolved_by, leaderboard_bucket(first_response_at - created_at), count(*) FROM tickets
    WHERE resolved_at IS NOT NULL AND resolved_by IS NOT NULL AND first_response_at IS NOT NULL
    GROUP BY 1, 2, 3`,
  `INSERT INTO issue_customer_links (workspace_id, issue_id, customer_key, n)
    SELECT workspace_id, issue_id, customer_key, count(*) FROM ticket_issue_links GROUP BY 1, 2, 3`,
  `INSERT INTO issue_demand_totals (workspace_id, issue_id, tickets, customers, first_seen, last_seen)
    SELECT workspace_id, issue_id, count(*), count(DISTINCT customer_key), min(ticket_created_at), max(ticket_created_at)
    FROM ticket_issue_links GROUP BY 1, 2`,
];

/**
 * Copies a SQLite deployment into an empty, migrated PostgreSQL database in one
 * transaction (a failure leaves the target as it was), advances every identity
 * sequence past the copied ids, and returns each table's count on both sides.
 */
export async function copySqliteToPostgres(
  source: Database.Database,
  target: pg.Pool,
  progress: (table: string, rows: number) => void = () => undefined,
): Promise<CopiedTable[]> {
  const client = await target.connect();
  try {
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM workspaces');
    if (rows[0]!.n > 0)
      throw new Error('the PostgreSQL database already holds a dutyloop workspace; copy into an empty one');
    await client.query('BEGIN');
    for (const table of triggered) await client.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    for (const table of copied) progress(getTableName(table), await copyTable(source, client, table));
    for (const statement of rebuildTotals) await client.query(statement);
    for (const table of triggered) await client.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
    await copyKnowledgeIndex(source, client);
    for (const table of copied) {
      const name = getTableName(table);
      if ('id' in getTableColumns(table) && getTableColumns(table).id!.columnType === 'PgInteger')
        await client.query(
          `SELECT setval(pg_get_serial_sequence('${name}', 'id'), greatest((SELECT max(id) FROM "${name}"), 1))`,
        );
    }
    await client.query('COMMIT');
    // Statistics and the visibility map for what was just loaded: the first reads plan with them, and
    // autovacuum does not come to the same million rows in the middle of the first hour's traffic.
    await client.query('VACUUM (ANALYZE)');
    const report: CopiedTable[] = [];
    const tables = [...copied.map(getTableName), 'knowledge_docs', 'knowledge_terms', ...rebuiltByTriggers];
    for (const name of tables) {
      const s = source.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number };
      const t = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}"`);
      report.push({ table: name, source: s.n, target: t.rows[0]!.n });
    }
    return report;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

async function copyTable(source: Database.Database, client: pg.PoolClient, table: Table): Promise<number> {
  const name = getTableName(table);
  const columns = Object.values(getTableColumns(table));
  const names = columns.map((c) => c.name);
  const convert = columns.map((c) => converterFor(c.columnType));
  let copiedRows = 0;
  let batch: unknown[][] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const params: unknown[] = [];
    const tuples = batch.map((row) => `(${row.map((v) => `$${params.push(v)}`).join(', ')})`);
    await client.query(
      `INSERT INTO "${name}" (${names.map((n) => `"${n}"`).join(', ')}) OVERRIDING SYSTEM VALUE VALUES ${tuples.join(', ')}`,
      params,
    );
    copiedRows += batch.length;
    batch = [];
  };
  const select = source.prepare(`SELECT ${names.map((n) => `"${n}"`).join(', ')} FROM "${name}" ORDER BY rowid`);
  for (const row of select.raw().iterate() as Iterable<unknown[]>) {
    batch.push(row.map((v, i) => convert[i]!(v)));
    if (batch.length >= Math.floor(batchRows * (20 / Math.max(names.length, 20)))) await flush();
  }
  await flush();
  return copiedRows;
}

/**
 * SQLite keeps booleans as 0/1 and may hold a default timestamp as a float
 * (unixepoch('subsec') * 1000); PostgreSQL wants booleans and whole bigints.
 * JSON columns pass as their text, which jsonb parses.
 */
function converterFor(columnType: string): (v: unknown) => unknown {
  if (columnType === 'PgBoolean') return (v) => (v === null ? null : v === 1 || v === true);
  if (columnType === 'PgBigInt53') return (v) => (typeof v === 'number' ? Math.round(v) : v);
  return (v) => v;
}

/** The knowledge index: FTS5's stored terms become knowledge_index rows; its bookkeeping tables copy as they are. */
async function copyKnowledgeIndex(source: Database.Database, client: pg.PoolClient): Promise<void> {
  const docs = source
    .prepare('SELECT ticket_id, workspace_id, version, indexed_at FROM knowledge_docs ORDER BY ticket_id')
    .raw()
    .all() as unknown[][];
  const index = source
    .prepare(
      `SELECT f.rowid, d.workspace_id, f.question, f.resolution, f.issues
      FROM knowledge_fts f JOIN knowledge_docs d ON d.ticket_id = f.rowid ORDER BY f.rowid`,
    )
    .raw()
    .all() as unknown[][];
  const terms = source.prepare('SELECT term, docs FROM knowledge_terms').raw().all() as unknown[][];
  await insertRows(client, 'knowledge_docs', ['ticket_id', 'workspace_id', 'version', 'indexed_at'], docs);
  await insertRows(client, 'knowledge_index', ['ticket_id', 'workspace_id', 'question', 'resolution', 'issues'], index);
  await insertRows(client, 'knowledge_terms', ['term', 'docs'], terms);
}

async function insertRows(client: pg.PoolClient, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += batchRows) {
    const params: unknown[] = [];
    const tuples = rows.slice(i, i + batchRows).map((row) => `(${row.map((v) => `$${params.push(v)}`).join(', ')})`);
    await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
}
