import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePostgres, openPostgres, type PgHandle } from '../../src/adapters/db/pg/client';
import { createLogger } from '../../src/adapters/logger';
import { startFakeSlack } from '../harness/fake-slack';
import { startTestApp } from '../support/app';
import { freshPostgresDatabase, stopPostgres } from '../support/postgres';

describe('the PostgreSQL schema', () => {
  let h: PgHandle;
  beforeAll(async () => {
    h = openPostgres(await freshPostgresDatabase());
    await migratePostgres(h);
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await stopPostgres();
  });

  const q = async <T>(text: string): Promise<T[]> => (await h.db.execute(sql.raw(text))).rows as T[];

  it('migrates an empty database, and a second run changes nothing', async () => {
    await migratePostgres(h);
    const tables = await q<{ n: number }>(
      "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'",
    );
    expect(tables[0]!.n).toBeGreaterThanOrEqual(24);
  });

  it('keeps the all-time leaderboard as tickets are resolved, reopened and rated', async () => {
    await q(`INSERT INTO workspaces (id, calendar_token) VALUES ('T1', 'x')`);
    await q(`INSERT INTO tickets (workspace_id, source, external_id, text, created_at, updated_at, status, resolved_by, resolved_at, first_response_at)
      VALUES ('T1', 'api', 'a', 'export fails', 0, 0, 'resolved', 'U1', 100000, 30000),
             ('T1', 'api', 'b', 'login loops', 0, 0, 'resolved', 'U1', 200000, 90000)`);
    expect(await q('SELECT user_id, handled, ratings FROM leaderboard_people')).toEqual([
      { user_id: 'U1', handled: 2, ratings: 0 },
    ]);
    await q(`UPDATE tickets SET rating = 5 WHERE external_id = 'a'`);
    await q(`UPDATE tickets SET status = 'open', resolved_by = NULL, resolved_at = NULL WHERE external_id = 'b'`);
    expect(await q('SELECT handled, rating_sum, ratings FROM leaderboard_people')).toEqual([
      { handled: 1, rating_sum: 5, ratings: 1 },
    ]);
    expect(await q('SELECT bucket::int AS bucket, n FROM leaderboard_responses WHERE n > 0')).toEqual([
      { bucket: 30000, n: 1 },
    ]);
  });

  it('keeps all-time demand per issue as links come, move and go, counting a customer once', async () => {
    await q(`INSERT INTO tracker_issues (workspace_id, provider, external_id, key, title, url, created_at, updated_at)
      VALUES ('T1', 'github', 'o/r#1', 'o/r#1', 'Export', 'https://x/1', 0, 0), ('T1', 'github', 'o/r#2', 'o/r#2', 'Dup', 'https://x/2', 0, 0)`);
    await q(`INSERT INTO ticket_issue_links (workspace_id, ticket_id, issue_id, ticket_created_at, customer_key, linked_at)
      SELECT 'T1', t.id, i.id, 1000 * t.id, 'acme', 0 FROM tickets t, tracker_issues i WHERE i.external_id = 'o/r#1'`);
    expect(await q('SELECT tickets, customers FROM issue_demand_totals')).toEqual([{ tickets: 2, customers: 1 }]);
    await q(`UPDATE ticket_issue_links SET issue_id = (SELECT id FROM tracker_issues WHERE external_id = 'o/r#2')
      WHERE ticket_id = (SELECT min(ticket_id) FROM ticket_issue_links)`);
    expect(await q('SELECT tickets, customers FROM issue_demand_totals ORDER BY issue_id')).toEqual([
      { tickets: 1, customers: 1 },
      { tickets: 1, customers: 1 },
    ]);
    await q('DELETE FROM ticket_issue_links');
    expect(await q('SELECT * FROM issue_demand_totals')).toEqual([]);
  });

  it('finds tickets that read alike by their English stems', async () => {
    const rows = await q<{ external_id: string }>(
      "SELECT external_id FROM tickets WHERE search @@ websearch_to_tsquery('english', 'exporting failed')",
    );
    expect(rows.map((r) => r.external_id)).toEqual(['a']);
  });
});

describe('a PostgreSQL database that is not UTF-8', () => {
  it('starts, and says at start that search will miss words outside ASCII; a UTF-8 one says nothing of it', async () => {
    const warned = async (url: string) => {
      const lines: string[] = [];
      const slack = (await startFakeSlack()).allowStandard();
      const app = await startTestApp({
        slackApiUrl: slack.url,
        env: { DATABASE_URL: url },
        log: createLogger('info', { write: (l: string) => void lines.push(l) }),
      });
      try {
        expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
      } finally {
        await app.stop();
        await slack.close();
      }
      return lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => /encoding/.test(l.msg));
    };
    const asciiUrl = await freshPostgresDatabase({ sqlAscii: true });
    const ascii = await warned(asciiUrl);
    expect(ascii).toHaveLength(1);
    expect(ascii[0]!.level).toBe(40);
    expect(ascii[0]!.msg).toMatch(
      /encoding is SQL_ASCII, not UTF8: search and suggestions will miss words outside ASCII/,
    );
    expect(ascii[0]!.msg).toMatch(/WITH ENCODING 'UTF8'/);
    expect(await warned(await freshPostgresDatabase())).toEqual([]);
    // `dutyloop migrate`, which an operator runs first, says it too.
    const { stderr } = await promisify(execFile)(process.execPath, [path.resolve('bin/dutyloop.js'), 'migrate'], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: asciiUrl, DUTYLOOP_CONFIG: 'config/dutyloop.example.yaml' },
    });
    expect(stderr).toMatch(/^warning: the database's encoding is SQL_ASCII, not UTF8/m);
  }, 60_000);
});
