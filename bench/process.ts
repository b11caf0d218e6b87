import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openDb } from '../src/adapters/db/client';
import { startFakeSlack } from '../tests/harness/fake-slack';
import { teamId } from '../tests/support/app';
import { generateDataset, millionTickets } from './dataset';
import { ms } from './load';
import type { BenchSection } from './rows';

const runs = 5;

/** The compiled `dutyloop serve`, started cold on a fresh file: time to a healthy `/healthz`, and its idle memory. */
export const section: BenchSection = async () => {
  const slack = await startFakeSlack();
  slack.allowStandard();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyloop-bench-start-'));
  const config = path.join(dir, 'dutyloop.yaml');
  fs.writeFileSync(config, 'timezone: Europe/Berlin\ndutyChannel: C0DUTY00001\n');
  try {
    const starts: number[] = [];
    let idleRss = 0;
    for (let i = 0; i < runs; i++) {
      const port = 30000 + Math.floor(Math.random() * 20000);
      const began = performance.now();
      // Run as `npx dutyloop serve` runs it: the file itself, with the Node flags of its first line.
      const child = spawn(path.resolve('bin/dutyloop.js'), ['serve'], {
        env: {
          PATH: process.env.PATH ?? '',
          SLACK_BOT_TOKEN: 'xoxb-bench',
          SLACK_SIGNING_SECRET: 'bench-secret',
          SLACK_API_URL: slack.url,
          DATABASE_URL: `file:${path.join(dir, `start-${i}.db`)}`,
          DUTYLOOP_CONFIG: config,
          PORT: String(port),
          LOG_LEVEL: 'warn',
        },
        stdio: 'ignore',
      });
      try {
        await waitHealthy(port);
        starts.push(performance.now() - began);
        if (i === runs - 1) {
          await new Promise((r) => setTimeout(r, 2000));
          idleRss = rssOf(child.pid!);
        }
      } finally {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    }
    starts.sort((a, b) => a - b);
    const median = starts[Math.floor(starts.length / 2)]!;
    const loaded = await loadedRss(slack.url, config, dir);
    return [
      {
        name: `dutyloop serve (compiled) cold start to healthy /healthz — median of ${runs}`,
        value: ms(median),
        target: '≤ 1.0 s',
        ok: median <= 1000,
      },
      {
        name: 'dutyloop serve resident memory, idle',
        value: `${(idleRss / 1024 / 1024).toFixed(0)} MiB`,
        target: '≤ 100 MB',
        ok: idleRss <= 100e6,
      },
      {
        name: 'dutyloop serve resident memory after intake (2,000 tickets) and dashboard reads over 1M tickets',
        value: `${(loaded / 1024 / 1024).toFixed(0)} MiB`,
        target: '≤ 200 MB',
        ok: loaded <= 200e6,
      },
    ];
  } finally {
    await slack.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

/**
 * The compiled serve on a file holding the 1,000,000-ticket dataset: 2,000
 * tickets posted by 32 clients, then every dashboard page and the demand and
 * leaderboard APIs read (all windows), then its resident memory.
 */
async function loadedRss(slackUrl: string, config: string, dir: string): Promise<number> {
  const file = path.join(dir, 'loaded.db');
  const handle = openDb(`file:${file}`);
  generateDataset(handle.sqlite, { ...millionTickets, now: Date.now(), workspaceId: teamId });
  handle.close();
  const port = 30000 + Math.floor(Math.random() * 20000);
  const env = {
    PATH: process.env.PATH ?? '',
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: 'bench-secret',
    SLACK_API_URL: slackUrl,
    DATABASE_URL: `file:${file}`,
    DUTYLOOP_CONFIG: config,
    PORT: String(port),
    LOG_LEVEL: 'warn',
  };
  const { stdout } = await promisify(execFile)(
    path.resolve('bin/dutyloop.js'),
    ['token', 'create', '--name', 'bench'],
    {
      env,
    },
  );
  const headers = { authorization: `Bearer ${stdout.trim()}`, 'content-type': 'application/json' };
  const child = spawn(path.resolve('bin/dutyloop.js'), ['serve'], { env, stdio: 'ignore' });
  try {
    await waitHealthy(port);
    const base = `http://127.0.0.1:${port}`;
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        for (let i = next++; i < 2_000; i = next++) {
          const body = JSON.stringify({
            source: 'bench',
            externalId: `loaded-${i}`,
            text: `Cannot export report ${i}`,
          });
          const res = await fetch(`${base}/api/tickets`, { method: 'POST', headers, body });
          await res.arrayBuffer();
          if (res.status !== 201) throw new Error(`POST /api/tickets answered ${res.status}`);
        }
      }),
    );
    const reads = ['/', '/leaderboard', '/rotation', '/health', '/runbooks'].concat(
      ['7d', '30d', '90d', 'all'].map((w) => `/api/demand?window=${w}`),
      ['current', 'all'].map((p) => `/api/leaderboard?period=${p}`),
    );
    for (const r of reads) await (await fetch(`${base}${r}`, { headers })).arrayBuffer();
    await new Promise((r) => setTimeout(r, 2000));
    return rssOf(child.pid!);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

async function waitHealthy(port: number): Promise<void> {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`dutyloop serve on port ${port} was not healthy within 30 s`);
}

/** Resident set size of another process, from /proc (Linux). */
export function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : 0;
}

if (process.argv[1]?.endsWith('bench/process.ts')) {
  for (const row of await section()) console.log(`${row.name}: ${row.value} ${row.target ?? ''}`);
  process.exit(0);
}
