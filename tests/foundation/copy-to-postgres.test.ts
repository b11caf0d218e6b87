import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/adapters/db/client';
import { PgTicketsStore } from '../../src/adapters/db/pg/tickets.store';
import { openPostgres } from '../../src/adapters/db/pg/client';
import { demoWorkspaceId } from '../../src/app/demo/organisation';
import { demoConfig } from '../../src/app/demo/run-demo';
import { seedDemo } from '../../src/app/demo/seed';
import { weekdays } from '../../src/domain/rotation/rotation';
import { freshPostgresDatabase, stopPostgres, testPool } from '../support/postgres';

const run = promisify(execFile);
const bin = path.resolve('bin/dutyloop.js');
const now = Date.parse('2026-11-22T12:00:00Z');

afterAll(async () => {
  await stopPostgres();
});

/** The demo organisation (~5,000 tickets, 60 issues) in a SQLite file. */
function demoFile(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dutyloop-copy-')), 'dutyloop.db');
  const anchor = DateTime.fromMillis(now, { zone: 'Europe/Berlin' }).minus({ days: 182 }).startOf('week').toISODate()!;
  const { rotation, timezone } = demoConfig({}, file, anchor).file;
  const h = openDb(`file:${file}`);
  seedDemo(
    h.db,
    h.sqlite,
    {
      zone: timezone,
      periodDays: rotation.periodDays,
      handoffWeekday: weekdays.indexOf(rotation.handoff.weekday) + 1,
      handoffTime: rotation.handoff.time,
      anchorDate: anchor,
    },
    now,
  );
  h.close();
  return file;
}

describe('dutyloop migrate --from SQLite --to PostgreSQL', () => {
  it('copies every row of the demo organisation, with equal counts and the same demand and leaderboard', async () => {
    const file = demoFile();
    const target = await freshPostgresDatabase();
    // The target URL carries a password (postgres:postgres@…): it must not be printed.
    const { stdout } = await run(process.execPath, [bin, 'migrate', '--from', `file:${file}`, '--to', target], {
      env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir() },
    });
    expect(stdout).toMatch(/every count is the same on both sides/);
    expect(stdout).toMatch(/^tickets\s+\d{4,}\s+\d{4,}\s+same$/m);
    expect(stdout).toMatch(/^issue_demand_totals\s+60\s+60\s+same$/m);
    expect(stdout).toContain('postgres:***@');
    expect(stdout).not.toContain(':postgres@');

    const source = openDb(`file:${file}`);
    const pool = testPool(target);
    const demand = `SELECT i.external_id AS issue, t.tickets, t.customers, t.first_seen AS "firstSeen", t.last_seen AS "lastSeen"
      FROM issue_demand_totals t JOIN tracker_issues i ON i.id = t.issue_id ORDER BY i.external_id`;
    const people =
      'SELECT user_id AS "userId", handled, rating_sum AS "ratingSum", ratings FROM leaderboard_people ORDER BY user_id';
    expect((await pool.query(demand)).rows).toEqual(source.sqlite.prepare(demand).all());
    expect((await pool.query(people)).rows).toEqual(source.sqlite.prepare(people).all());
    const responses =
      'SELECT user_id AS "userId", bucket, n FROM leaderboard_responses WHERE n > 0 ORDER BY user_id, bucket';
    const responseRows = (await pool.query(responses)).rows;
    expect(responseRows.length).toBeGreaterThan(0);
    expect(responseRows).toEqual(source.sqlite.prepare(responses).all());
    const customersPerIssue = 'SELECT count(*) AS n, sum(n) AS links FROM issue_customer_links WHERE n > 0';
    expect((await pool.query(customersPerIssue)).rows).toEqual(source.sqlite.prepare(customersPerIssue).all());

    // A ticket made after the move gets the next id, not one the copy already used.
    const maxId = (source.sqlite.prepare('SELECT max(id) AS m FROM tickets').get() as { m: number }).m;
    const h = openPostgres(target);
    const id = await new PgTicketsStore(h.db).insert({
      workspaceId: demoWorkspaceId,
      source: 'api',
      externalId: 'after-the-move',
      text: 'Hello from PostgreSQL',
      createdAt: now,
      updatedAt: now,
    });
    expect(id).toBe(maxId + 1);
    await h.close();
    await pool.end();
    source.close();

    // A second copy into the same database is refused and changes nothing.
    const again = await run(process.execPath, [bin, 'migrate', '--from', `file:${file}`, '--to', target]).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds a dutyloop workspace/);
  }, 180_000);
});
