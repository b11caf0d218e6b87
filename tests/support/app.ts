import { openDb, type DbHandle } from '../../src/adapters/db/client';
import { fileSchema, type FileConfig } from '../../src/services/settings/file';
import { envSchema } from '../../src/services/settings/env';
import type { AppConfig } from '../../src/app/config';
import { silentLogger, createLogger, type Logger } from '../../src/adapters/logger';
import { startDutyloop, type Running } from '../../src/app/start';
import { ManualClock, type Clock } from '../../src/domain/clock';
import type pg from 'pg';
import { freshPostgresDatabase, testPool } from './postgres';
import { migratePostgres, openPostgres } from '../../src/adapters/db/pg/client';

export const signingSecret = 'test-signing-secret-8f1d2c';
export const botToken = 'xoxb-test-token';
export const teamId = 'T0TESTTEAM';

/** A fresh in-memory database with the real migrations applied. */
export function memoryDb(): DbHandle {
  return openDb(':memory:');
}

/** A PostgreSQL value as SQLite returns it: booleans as 0/1, JSON as its text. */
function sqliteShaped(v: unknown): unknown {
  if (typeof v === 'boolean') return Number(v);
  if (v !== null && typeof v === 'object' && !(v instanceof Date) && !Buffer.isBuffer(v)) return JSON.stringify(v);
  return v;
}

/** `text` with its `?` placeholders numbered as PostgreSQL's `$1`, `$2`, …. */
function numbered(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/** Arguments as better-sqlite3 binds them: booleans as 1/0. */
const sqliteArgs = (args: unknown[]) => args.map((v) => (typeof v === 'boolean' ? Number(v) : v));

/**
 * A migrated database on the test engine with rows already in it, as an older
 * version or another tool left it before the app starts: `seed` writes them
 * (`?` placeholders). Spread the result into startTestApp's options.
 */
export async function seededDatabase(
  seed: (exec: (text: string, ...args: unknown[]) => Promise<void>) => Promise<void> | void,
): Promise<{ db?: DbHandle; env?: Record<string, string> }> {
  if (testEngine === 'sqlite') {
    const db = memoryDb();
    await seed(async (text, ...args) => void db.sqlite.prepare(text).run(...sqliteArgs(args)));
    return { db };
  }
  const url = await freshPostgresDatabase();
  const h = openPostgres(url, { poolSize: 1 });
  try {
    await migratePostgres(h);
    await seed(async (text, ...args) => void (await h.pool.query(numbered(text), args)));
  } finally {
    await h.close();
  }
  return { env: { DATABASE_URL: url } };
}

/** A config as the app would load it, from a partial file config and env overrides. */
export function testConfig(
  file: Partial<Record<keyof FileConfig, unknown>> = {},
  env: Record<string, string> = {},
): AppConfig {
  return {
    env: envSchema.parse({
      SLACK_BOT_TOKEN: botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      DATABASE_URL: ':memory:',
      LOG_LEVEL: 'silent',
      ...env,
    }),
    file: fileSchema.parse({ workspace: { id: teamId }, timezone: 'UTC', dutyChannel: 'C0DUTY00001', ...file }),
  };
}

/**
 * The engine the end-to-end suites run on: SQLite by default,
 * `DUTYLOOP_TEST_ENGINE=postgres` runs them on a fresh PostgreSQL database each
 * (on the server TEST_DATABASE_URL names, else on one embedded server per test
 * process, which exits with it).
 */
export const testEngine: 'sqlite' | 'postgres' =
  process.env.DUTYLOOP_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

export interface TestApp extends Running {
  /** The SQLite handle, for tests that look into the file; on PostgreSQL reading it throws. */
  db: DbHandle;
  /**
   * Rows of a plain SELECT (or an INSERT … RETURNING) on whichever engine the app runs (`?` placeholders;
   * booleans read as 0/1 and JSON as text on both), for tests that check what
   * was stored.
   */
  query<T = Record<string, unknown>>(text: string, ...args: unknown[]): Promise<T[]>;
  /**
   * Runs one INSERT, UPDATE or DELETE (or other single statement, such as a
   * test's own trigger) on whichever engine the app runs (`?` placeholders),
   * for tests that must write rows directly; the number of rows it changed. Pass values as the engine stores them: timestamps as epoch ms,
   * booleans as `true`/`false` (SQLite gets them as 1/0), JSON as its text.
   */
  exec(text: string, ...args: unknown[]): Promise<number>;
  clock: Clock;
  /** `{ url, signingSecret }` for the signed-request helpers. */
  slackTarget: { url: string; signingSecret: string };
}

/**
 * Starts the real server (hono + Bolt + outbox + jobs) on a random port,
 * talking to the given fake Slack. `background: false` leaves the outbox and
 * scheduler to the test (`app.rt.outbox.start()`, `scheduler.runNow`).
 */
export async function startTestApp(
  opts: {
    slackApiUrl?: string;
    file?: Partial<Record<keyof FileConfig, unknown>>;
    env?: Record<string, string>;
    clock?: Clock;
    db?: DbHandle;
    background?: boolean;
    mode?: 'test' | 'demo';
    log?: Logger;
    /** Pace of messages per Slack channel; lower it to test bursts quickly. */
    slackChannelIntervalMs?: number;
  } = {},
): Promise<TestApp> {
  const env: Record<string, string> = {
    ...(opts.slackApiUrl ? { SLACK_API_URL: opts.slackApiUrl } : {}),
    ...opts.env,
  };
  if (!opts.db && testEngine === 'postgres' && !env.DATABASE_URL) env.DATABASE_URL = await freshPostgresDatabase();
  const onPostgres = !opts.db && /^postgres(ql)?:/.test(env.DATABASE_URL ?? '');
  const config = testConfig(opts.file, env);
  const db = onPostgres ? undefined : (opts.db ?? memoryDb());
  const clock = opts.clock ?? new ManualClock(Date.now());
  const log = opts.log ?? (process.env.TEST_LOG ? createLogger('debug') : silentLogger);
  const running = await startDutyloop({
    config,
    mode: opts.mode ?? 'test',
    clock,
    log,
    port: 0,
    host: '127.0.0.1',
    db,
    background: opts.background,
    slackChannelIntervalMs: opts.slackChannelIntervalMs,
  });
  let pool: pg.Pool | undefined;
  /** Runs `text` on PostgreSQL, its `?` placeholders numbered as `$1`, `$2`, …. */
  const onPool = (text: string, args: unknown[]) => {
    pool ??= testPool(env.DATABASE_URL!, 1);
    return pool.query(numbered(text), args);
  };
  const query = async <T>(text: string, ...args: unknown[]): Promise<T[]> => {
    if (db) return db.sqlite.prepare(text).all(...args) as T[];
    const { rows } = await onPool(text, args);
    return rows.map((row: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, sqliteShaped(v)])),
    ) as T[];
  };
  const exec = async (text: string, ...args: unknown[]): Promise<number> => {
    if (db) return db.sqlite.prepare(text).run(...args.map((v) => (typeof v === 'boolean' ? Number(v) : v))).changes;
    return (await onPool(text, args)).rowCount ?? 0;
  };
  return {
    ...running,
    query,
    exec,
    get db(): DbHandle {
      if (!db) throw new Error('this test reads the SQLite file directly; it runs on SQLite only');
      return db;
    },
    clock,
    slackTarget: { url: `${running.url}/slack/events`, signingSecret },
    stop: async () => {
      await running.stop();
      await pool?.end();
      db?.close();
    },
  };
}
