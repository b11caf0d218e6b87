import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../src/adapters/db/client';
import { systemClock } from '../src/domain/clock';
import { createApiToken } from '../src/services/tickets/create-api-token';
import { startFakeSlack } from '../tests/harness/fake-slack';
import { startTestApp, teamId } from '../tests/support/app';
import { generateDataset, millionTickets } from './dataset';

export interface DemandServer {
  url: string;
  slackTarget: { url: string; signingSecret: string };
  headers: { authorization: string };
  /** A response_url the fake Slack accepts, for slash commands. */
  responseUrl: string;
  /** How long generating the dataset took, in ms. */
  generateMs: number;
}

/**
 * The real server on a SQLite *file* holding the 1,000,000-ticket dataset, as
 * `dutyloop serve` runs it: a file is what lets the demand reads go to the read
 * worker (an in-memory database runs them on the event loop).
 */
export async function withDemandServer<T>(fn: (s: DemandServer) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyloop-bench-'));
  const handle = openDb(`file:${path.join(dir, 'bench.db')}`);
  const slack = (await startFakeSlack()).allowStandard();
  try {
    const t0 = performance.now();
    generateDataset(handle.sqlite, { ...millionTickets, now: Date.now(), workspaceId: teamId });
    const generateMs = performance.now() - t0;
    const app = await startTestApp({ slackApiUrl: slack.url, db: handle, clock: systemClock, background: false });
    try {
      const { token } = await createApiToken({ ctx: app.rt.ctx, input: { name: 'bench' } });
      return await fn({
        url: app.url,
        slackTarget: app.slackTarget,
        headers: { authorization: `Bearer ${token}` },
        responseUrl: slack.responseUrl('bench'),
        generateMs,
      });
    } finally {
      await app.stop();
    }
  } finally {
    await slack.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads /api/demand and throws unless it answers 200. */
export async function readDemand(s: DemandServer, window: string): Promise<void> {
  const res = await fetch(`${s.url}/api/demand?window=${window}`, { headers: s.headers });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`GET /api/demand?window=${window} answered ${res.status}`);
}

/** Prints a section's rows when its file is run alone: `node bin/run-ts.js bench/<section>.ts`. */
export async function runAlone(
  moduleUrl: string,
  section: () => Promise<{ name: string; value: string; target?: string; ok?: boolean }[]>,
): Promise<void> {
  if (!process.argv[1] || path.resolve(process.argv[1]) !== new URL(moduleUrl).pathname) return;
  for (const r of await section())
    console.log(`${r.name}  ${r.value}  ${r.target ?? ''}${r.ok === undefined ? '' : r.ok ? ' ✓' : ' ✗'}`);
  process.exit(0);
}
