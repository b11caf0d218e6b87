import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { openDb } from '../../adapters/db/client';
import { stopOnSignals } from '../signals';
import { weekdays } from '../../domain/rotation/rotation';
import type { AppConfig } from '../config';
import { envSchema } from '../../services/settings/env';
import { fileSchema } from '../../services/settings/file';
import { createLogger } from '../../adapters/logger';
import { startDutyloop, type Running } from '../start';
import { demoTeams, demoTopics, demoWorkspaceId } from './organisation';
import { seedDemo, type SeedSummary } from './seed';
import { backfillKnowledge } from '../../services/knowledge/search-knowledge';

/** The demo's configuration, built in code: it needs no file and no credentials. */
export function demoConfig(env: NodeJS.ProcessEnv, databaseUrl: string, anchor: string): AppConfig {
  return {
    env: envSchema.parse({
      DATABASE_URL: databaseUrl,
      PORT: env.PORT,
      LOG_LEVEL: env.LOG_LEVEL ?? 'warn',
      PUBLIC_URL: env.PUBLIC_URL,
    }),
    file: fileSchema.parse({
      workspace: { id: demoWorkspaceId, name: 'Acme (demo)' },
      timezone: 'Europe/Berlin',
      dutyChannel: 'C0DEMODUTY',
      rotation: { periodDays: 14, handoff: { weekday: 'monday', time: '10:00' }, anchor },
      teams: demoTeams.map((t) => ({ name: t.name, lead: t.people[0]!.id, members: t.people.map((p) => p.id) })),
      targets: { firstResponseMinutes: 10, resolutionWorkingHours: 8 },
      topics: demoTopics,
    }),
  };
}

/** The demo serves sample data without sign-in, so it listens on this machine only unless `--host` says otherwise. */
export function demoHost(args: string[]): string {
  const i = args.findIndex((a) => a === '--host' || a.startsWith('--host='));
  if (i < 0) return '127.0.0.1';
  const value = args[i]!.includes('=') ? args[i]!.slice('--host='.length) : args[i + 1];
  if (!value || value.startsWith('-'))
    throw new Error('--host needs an address, e.g. --host 0.0.0.0 to open the demo to the network');
  return value;
}

/** Seeds a fresh demo database at `file` and serves it. */
export async function startDemo(opts: {
  file: string;
  port?: number;
  host?: string;
  now?: number;
  env?: NodeJS.ProcessEnv;
  quiet?: boolean;
}): Promise<{ running: Running; summary: SeedSummary; host: string }> {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${opts.file}${suffix}`, { force: true });
  fs.mkdirSync(path.dirname(path.resolve(opts.file)), { recursive: true });
  const now = opts.now ?? Date.now();
  // The rotation starts on a Monday about six months back, so there is history to show.
  const anchor = DateTime.fromMillis(now, { zone: 'Europe/Berlin' }).minus({ days: 182 }).startOf('week').toISODate()!;
  const env = opts.env ?? process.env;
  const config = demoConfig(env, `file:${opts.file}`, anchor);
  const handle = openDb(config.env.databaseUrl);
  const { rotation, timezone } = config.file;
  const summary = seedDemo(
    handle.db,
    handle.sqlite,
    {
      zone: timezone,
      periodDays: rotation.periodDays,
      handoffWeekday: weekdays.indexOf(rotation.handoff.weekday) + 1,
      handoffTime: rotation.handoff.time,
      anchorDate: anchor,
    },
    now,
  );
  const log = createLogger(opts.quiet ? 'silent' : config.env.logLevel);
  const host = opts.host ?? '127.0.0.1';
  // Nothing to hand over or post without Slack: the demo serves what the seed stored, no jobs run.
  const running = await startDutyloop({
    config,
    mode: 'demo',
    db: handle,
    log,
    background: false,
    port: opts.port ?? config.env.port,
    host,
  });
  // No jobs run in the demo, so its seeded resolved tickets are indexed as precedents here.
  await backfillKnowledge({ ctx: running.rt.ctx });
  const stop = running.stop;
  running.stop = async () => {
    await stop();
    handle.close();
  };
  return { running, summary, host };
}

export async function runDemoCommand(args: string[] = []): Promise<void> {
  const file = path.resolve('data/demo.db');
  const { running, summary, host } = await startDemo({ file, host: demoHost(args) });
  console.log(
    `dutyloop demo: ${summary.tickets} tickets from ${summary.customers} customers, ${summary.issues} linked issues, 4 teams`,
  );
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  console.log(
    `dashboard: http://${shown}:${running.port}/   (listening on ${host}; --host 0.0.0.0 opens it to the network; Ctrl-C to stop; data in ${path.relative(process.cwd(), file)})`,
  );
  stopOnSignals(running.stop);
}
