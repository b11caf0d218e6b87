import { openDb, type DbHandle } from '../../src/adapters/db/client';
import { fileSchema, type FileConfig } from '../../src/services/settings/file';
import { envSchema } from '../../src/services/settings/env';
import type { AppConfig } from '../../src/app/config';
import { silentLogger, createLogger, type Logger } from '../../src/adapters/logger';
import { startDutyloop, type Running } from '../../src/app/start';
import { ManualClock, type Clock } from '../../src/domain/clock';
import pg from 'pg';
import { freshPostgresDatabase } from './postgres';

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
   * Rows of a plain SELECT on whichever engine the app runs (`?` placeholders;
   * booleans read as 0/1 and JSON as text on both), for tests that check what
   * was stored.
   */
  query<T = Record<string, unknown>>(text: string, ...args: unknown[]): Promise<T[]>;
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
  const query = async <T>(text: string, ...args: unknown[]): Promise<T[]> => {
    if (db) return db.sqlite.prepare(text).all(...args) as T[];
    pool ??= new pg.Pool({ connectionString: env.DATABASE_URL, max: 1 });
    let n = 0;
    const { rows } = await pool.query(
      text.replace(/\?/g, () => `$${++n}`),
      args,
    );
    return rows.map((row: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, sqliteShaped(v)])),
    ) as T[];
  };
  return {
    ...running,
    query,
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
