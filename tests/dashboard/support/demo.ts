import { DateTime } from 'luxon';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDemo } from '../../../src/app/demo/run-demo';
import { demoWorkspaceId } from '../../../src/app/demo/organisation';

export interface DemoWorld {
  url: string;
  /** A read-only view of the seeded database, to compute expected numbers independently of the pages. */
  sql: Database.Database;
  stop(): Promise<void>;
}

/** Seeds the demo into a temp file and serves it on a random port. */
export async function startDemoWorld(): Promise<DemoWorld> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyloop-demo-'));
  const file = path.join(dir, 'demo.db');
  const { running } = await startDemo({ file, port: 0, quiet: true, env: {} });
  const sql = new Database(file, { readonly: true });
  return {
    url: running.url,
    sql,
    stop: async () => {
      sql.close();
      await running.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const ws = demoWorkspaceId;

/** Distinct customers per issue with tickets created in [from, to). */
export function customersByIssue(
  sql: Database.Database,
  from: number,
  to: number,
): Map<number, { customers: number; tickets: number }> {
  const rows = sql
    .prepare(
      'SELECT issue_id AS id, COUNT(DISTINCT customer_key) AS customers, COUNT(*) AS tickets FROM ticket_issue_links WHERE workspace_id = ? AND ticket_created_at >= ? AND ticket_created_at < ? GROUP BY issue_id',
    )
    .all(ws, from, to) as { id: number; customers: number; tickets: number }[];
  return new Map(rows.map((r) => [r.id, { customers: r.customers, tickets: r.tickets }]));
}

/** The rows of the demand table, in page order. */
export function demandRows(html: string): { issueId: number; customers: number; tickets: number }[] {
  return [
    ...html.matchAll(
      /<tr data-issue="(\d+)"[^>]*>[\s\S]*?data-col="customers"><strong>(\d+)<\/strong><\/td><td class="num" data-col="tickets">(\d+)</g,
    ),
  ].map((m) => ({
    issueId: Number(m[1]),
    customers: Number(m[2]),
    tickets: Number(m[3]),
  }));
}

/** The health page's first day: the Monday (organisation zone) after the week 12 weeks back. */
export function healthFrom(now = Date.now()): number {
  return DateTime.fromMillis(now, { zone: 'Europe/Berlin' })
    .minus({ days: 84 })
    .startOf('week')
    .plus({ weeks: 1 })
    .toMillis();
}
