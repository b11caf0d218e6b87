import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { openPostgres } from '../src/adapters/db/pg/client';
import { silentLogger } from '../src/adapters/logger';
import { startDutyloop, type Running } from '../src/app/start';
import { systemClock } from '../src/domain/clock';
import { createApiToken } from '../src/services/tickets/create-api-token';
import { startFakeSlack } from '../tests/harness/fake-slack';
import { signingSecret, teamId, testConfig } from '../tests/support/app';
import { embeddedPostgresSettings, freshPostgresDatabase, stopPostgres } from '../tests/support/postgres';
import { type DatasetSummary, millionTickets } from './dataset';
import { teamsMark } from './postgres-dataset';
import { claimClicksAt200PerSecond } from './clicks';
import { ms, percentile, settles } from './load';
import type { BenchRow, BenchSection } from './rows';
import { intakeClients } from './tickets';

/** Tickets in the PostgreSQL dataset: the SQLite rows' million (BENCH_PG_TICKETS to try another size). */
const pgTickets = Number(process.env.BENCH_PG_TICKETS ?? millionTickets.tickets);
const sample = pgTickets % 1_000_000 === 0 ? `${pgTickets / 1_000_000}M` : `${pgTickets / 1000}k`;

/**
 * The same measures as the SQLite rows, with dutyloop on PostgreSQL
 * (TEST_DATABASE_URL, else a server started from npm): the dataset is
 * generated as for SQLite and copied over with `dutyloop migrate --from … --to
 * …`'s copy in a process of its own, then the real server serves it from the pool.
 */
export const section: BenchSection = async () => {
  const rows: BenchRow[] = [];
  // The embedded server's default 128 MB of shared buffers holds a tenth of the million tickets and their
  // indexes; a platform team's server on a machine this size would give it a quarter of the RAM or more.
  if (!process.env.TEST_DATABASE_URL) embeddedPostgresSettings({ shared_buffers: '2GB' });
  const url = await freshPostgresDatabase();
  const now = Date.now();
  const t0 = performance.now();
  const teams = await loadInAnotherProcess(url, now);
  rows.push({
    name: `PostgreSQL: ${sample}-ticket dataset generated and copied in`,
    value: ms(performance.now() - t0),
  });

  const slack = (await startFakeSlack()).allowStandard();
  for (const id of teams.flatMap((t) => t.memberIds)) slack.addUser({ id, name: id.toLowerCase(), real_name: id });
  const config = testConfig(
    {
      teams: teams.map((t) => ({ name: t.name, lead: t.memberIds[0], members: t.memberIds })),
      rotation: {
        periodDays: 14,
        handoff: { weekday: 'monday', time: '10:00' },
        anchor: new Date(now - 730 * 86_400_000).toISOString().slice(0, 10),
      },
    },
    { DATABASE_URL: url, SLACK_API_URL: slack.url },
  );
  let app: Running | undefined;
  try {
    app = await startDutyloop({
      config,
      mode: 'test',
      clock: systemClock,
      log: silentLogger,
      port: 0,
      host: '127.0.0.1',
      background: false,
    });
    const { token } = await createApiToken({ ctx: app.rt.ctx, input: { name: 'bench' } });
    const headers = { authorization: `Bearer ${token}` };
    rows.push(...(await readRows(app.url, headers)));
    rows.push(...(await claimRows(app, url, slack.responseUrl('claims'))));
    rows.push(await intakeRow(app.url, token, url));
    return rows;
  } finally {
    await app?.stop();
    await slack.close();
    await stopPostgres();
  }
};

/** The dataset generated and copied by bench/postgres-dataset.ts in a child process; its teams. */
function loadInAnotherProcess(url: string, now: number): Promise<DatasetSummary['teams']> {
  const runTs = fileURLToPath(new URL('../bin/run-ts.js', import.meta.url));
  const script = fileURLToPath(new URL('./postgres-dataset.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [runTs, script, url, String(pgTickets), String(now)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d;
    });
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(teamsMark));
      if (line) resolve(JSON.parse(line.slice(teamsMark.length)) as DatasetSummary['teams']);
      else reject(new Error(`loading the dataset failed (exit ${code})`));
    });
  });
}

async function readRows(base: string, headers: Record<string, string>): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const path of ['/api/demand?window=30d', '/api/leaderboard?period=all']) {
    const get = async () => {
      const res = await fetch(`${base}${path}`, { headers });
      if (!res.ok) throw new Error(`${path} answered ${res.status}`);
      await res.arrayBuffer();
    };
    for (let i = 0; i < 5; i++) await get();
    const times: number[] = [];
    for (let i = 0; i < 40; i++) {
      const s = performance.now();
      await get();
      times.push(performance.now() - s);
    }
    const p95 = percentile(times, 95);
    rows.push({
      name: `PostgreSQL: GET ${path} p95 (${sample} tickets)`,
      value: ms(p95),
      target: '≤ 50 ms',
      ok: p95 <= 50,
    });
  }
  return rows;
}

/** Claim clicks at 200/s on cards already in the duty channel: time from the signed request to the ack. */
async function claimRows(app: Running, url: string, responseUrl: string): Promise<BenchRow[]> {
  const db = openPostgres(url, { poolSize: 1 });
  const now = Date.now();
  const { rows: ids } = await db.pool.query<{ id: number }>(
    `INSERT INTO tickets (workspace_id, source, external_id, text, card_channel_id, card_ts, created_at, updated_at)
     SELECT $1, 'bench', 'claim-' || i, 'Cannot export the report', 'C0DUTY00001', '1700000000.' || lpad(i::text, 6, '0'), $2, $2
     FROM generate_series(0, 1099) AS i RETURNING id`,
    [teamId, now],
  );
  await db.close();
  const target = { url: `${app.url}/slack/events`, signingSecret };
  const times = await claimClicksAt200PerSecond(
    target,
    ids.map((r) => r.id),
    () => responseUrl,
  );
  // The work after each ack is done too: every ticket clicked gets claimed.
  const check = openPostgres(url, { poolSize: 1 });
  try {
    await settles(
      async () =>
        Number(
          (
            await check.pool.query(
              "SELECT count(*) AS n FROM tickets WHERE source = 'bench' AND claimed_by IS NOT NULL",
            )
          ).rows[0].n,
        ),
      ids.length,
      'clicked tickets claimed',
    );
  } finally {
    await check.close();
  }
  const p99 = percentile(times, 99);
  return [
    { name: `PostgreSQL: Claim click ack at 200/s, p50 (${times.length} clicks)`, value: ms(percentile(times, 50)) },
    { name: 'PostgreSQL: Claim click ack at 200/s, p99', value: ms(p99), target: '≤ 50 ms', ok: p99 <= 50 },
  ];
}

/** POST /api/tickets from 32 clients for 10 s, the SQLite row's load (its own worker thread). */
async function intakeRow(base: string, token: string, url: string): Promise<BenchRow> {
  const db = openPostgres(url, { poolSize: 1 });
  const before = Number((await db.pool.query('SELECT count(*) AS n FROM tickets')).rows[0].n);
  const t0 = performance.now();
  const worker = new Worker(intakeClients, {
    eval: true,
    workerData: { url: `${base}/api/tickets`, token, clients: 32, seconds: 10 },
  });
  const { created, other } = await new Promise<{ created: number; other: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  const secs = (performance.now() - t0) / 1000;
  const stored = Number((await db.pool.query('SELECT count(*) AS n FROM tickets')).rows[0].n) - before;
  await db.close();
  const rate = stored / secs;
  return {
    name: `PostgreSQL: POST /api/tickets, 32 clients, 10 s (${stored} stored, ${other} not 201)`,
    value: `${rate.toFixed(0)} tickets/s`,
    target: '≥ 1,500 tickets/s',
    ok: rate >= 1500 && stored === created && other === 0,
  };
}

if (process.argv[1]?.endsWith('bench/postgres.ts')) {
  for (const r of await section()) console.log(`${r.name}  ${r.value}  ${r.target ?? ''}`);
  process.exit(0);
}
