import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/adapters/db/client';
import { migratePostgres, openPostgres } from '../../src/adapters/db/pg/client';
import { SchemaTooNewError } from '../../src/adapters/db/schema-version';
import { freshPostgresDatabase, stopPostgres } from '../support/postgres';

const nextYear = Date.parse('2027-11-25T00:00:00Z');

afterAll(async () => {
  await stopPostgres();
});

describe('a database migrated by a newer dutyloop', () => {
  it('is refused on SQLite, naming what to do, and the file keeps its rows', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dutyloop-schema-')), 'dutyloop.db');
    const first = openDb(`file:${file}`);
    first.sqlite.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('future', nextYear);
    first.sqlite.prepare("INSERT INTO workspaces (id, calendar_token) VALUES ('T1', 'x')").run();
    first.close();
    expect(() => openDb(`file:${file}`)).toThrow(SchemaTooNewError);
    expect(() => openDb(`file:${file}`)).toThrow(/migrated by a newer dutyloop .*upgrade dutyloop/);
    const again = openDb(`file:${file}`, { migrate: false });
    expect(again.sqlite.prepare('SELECT count(*) AS n FROM workspaces').get()).toEqual({ n: 1 });
    again.close();
  });

  it('is refused on PostgreSQL; two replicas migrating an empty database at once both start', async () => {
    const url = await freshPostgresDatabase();
    const a = openPostgres(url, { poolSize: 2 });
    const b = openPostgres(url, { poolSize: 2 });
    try {
      await Promise.all([migratePostgres(a), migratePostgres(b)]);
      const { rows } = await a.pool.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
      expect(rows[0].n).toBe(fs.readdirSync('migrations/postgres').filter((f) => f.endsWith('.sql')).length);
      await a.pool.query('INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ($1, $2)', [
        'future',
        nextYear,
      ]);
      await expect(migratePostgres(b)).rejects.toThrow(SchemaTooNewError);
    } finally {
      await a.close();
      await b.close();
    }
  }, 60_000);
});
