import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../harness/fake-slack';
import { freshPostgresDatabase, stopPostgres, testPool } from '../support/postgres';

/**
 * `dutyloop serve` twice on one PostgreSQL, behind one fake Slack: what a
 * rolling deploy or two Kubernetes replicas look like. Each replica is its own
 * process, started from the compiled CLI as an operator would.
 */
const dutyChannel = 'C0DUTY00001';

let slack: FakeSlack | undefined;
let dir: string | undefined;
let admin: pg.Pool | undefined;
const replicas: ChildProcess[] = [];

afterEach(async () => {
  for (const r of replicas.splice(0)) r.kill('SIGKILL');
  await admin?.end();
  await slack?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  slack = dir = admin = undefined;
});
afterAll(async () => {
  await stopPostgres();
});

interface Cluster {
  databaseUrl: string;
  ports: [number, number];
  env(port: number): NodeJS.ProcessEnv;
  db: pg.Pool;
}

async function cluster(config: string): Promise<Cluster> {
  slack = (await startFakeSlack()).allowStandard();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyloop-replicas-'));
  fs.writeFileSync(path.join(dir, 'dutyloop.yaml'), config);
  const databaseUrl = await freshPostgresDatabase();
  admin = testPool(databaseUrl);
  const [first, second] = [await freePort(), await freePort()];
  const env = (port: number) => ({
    PATH: process.env.PATH ?? '',
    SLACK_BOT_TOKEN: 'xoxb-replica-test',
    SLACK_SIGNING_SECRET: 'replica-test-secret',
    SLACK_API_URL: slack!.url,
    // Slack's pace would make 500 cards take minutes; the fake Slack does not limit it.
    SLACK_POST_INTERVAL_MS: '0',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '8',
    DUTYLOOP_CONFIG: path.join(dir!, 'dutyloop.yaml'),
    PORT: String(port),
    LOG_LEVEL: 'warn',
  });
  return { databaseUrl, ports: [first, second], env, db: admin };
}

/** A port nothing listens on now (the system's pick), so a replica never meets another test's server. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function serve(c: Cluster, port: number): Promise<ChildProcess> {
  const proc = spawn(process.execPath, [path.resolve('bin/dutyloop.js'), 'serve'], {
    env: c.env(port),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  replicas.push(proc);
  for (let i = 0; i < 300 && proc.exitCode === null; i++) {
    const health = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      async (r) => (r.ok ? ((await r.json()) as { database: string }) : undefined),
      () => undefined,
    );
    if (health) {
      expect(health.database).toBe('postgres');
      return proc;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`dutyloop serve on port ${port} did not become healthy`);
}

async function apiToken(c: Cluster): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [path.resolve('bin/dutyloop.js'), 'token', 'create', '--name', 'helpdesk'],
    { env: c.env(c.ports[0]) },
  );
  return stdout.trim();
}

async function postTicket(port: number, token: string, externalId: string): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/api/tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ source: 'helpdesk', externalId, text: `Checkout fails with error 502 (${externalId})` }),
  });
  return res.status;
}

/** Polls until `fn` (sync or async) says yes. */
async function until(fn: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** What a replica's /metrics says of the scheduler lock: 1 while it holds it. */
async function leads(port: number): Promise<number | undefined> {
  const text = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text());
  const m = /^dutyloop_scheduler_leader (\d+)$/m.exec(text);
  return m ? Number(m[1]) : undefined;
}

const count = async (c: Cluster, query: string) => Number((await c.db.query(query)).rows[0].n);
const cardKeys = (s: FakeSlack) =>
  s.state.messages
    .filter((m) => m.channel === dutyChannel && !m.thread_ts)
    .map((m) => (m.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key ?? '')
    .filter((k) => k.startsWith('ticket.card:'));

describe('two replicas on one PostgreSQL', () => {
  it('500 tickets posted at both, 50 of them again at the other replica: 500 tickets, each card posted once', async () => {
    const c = await cluster(`timezone: UTC\ndutyChannel: ${dutyChannel}\n`);
    await Promise.all(c.ports.map((p) => serve(c, p)));
    const token = await apiToken(c);
    const statuses = await Promise.all(
      Array.from({ length: 500 }, (_, i) => postTicket(c.ports[i % 2]!, token, `outage-${i}`)),
    );
    expect(statuses.every((s) => s === 201)).toBe(true);
    // The same tickets again, each at the replica that did not take it: recognised, not created twice.
    const again = await Promise.all(
      Array.from({ length: 50 }, (_, i) => postTicket(c.ports[(i + 1) % 2]!, token, `outage-${i}`)),
    );
    expect(again.every((s) => s === 200)).toBe(true);
    expect(await count(c, 'SELECT count(*) AS n FROM tickets')).toBe(500);

    await until(async () => (await count(c, 'SELECT count(*) AS n FROM tickets WHERE card_ts IS NULL')) === 0, 120_000);
    const cards = cardKeys(slack!);
    expect(cards).toHaveLength(500);
    expect(new Set(cards).size).toBe(500);
  }, 240_000);

  it('a replica killed mid-burst: the other delivers the rest, and no card goes out twice', async () => {
    const c = await cluster(`timezone: UTC\ndutyChannel: ${dutyChannel}\n`);
    const [first] = await Promise.all(c.ports.map((p) => serve(c, p)));
    // One of them holds the scheduler lock, and says so.
    await until(async () => (await Promise.all(c.ports.map(leads))).sort().join() === '0,1', 30_000);
    const token = await apiToken(c);
    const statuses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => postTicket(c.ports[i % 2]!, token, `burst-${i}`)),
    );
    expect(statuses.every((s) => s === 201)).toBe(true);
    await until(() => cardKeys(slack!).length >= 20, 60_000);
    first!.kill('SIGKILL');
    await new Promise((r) => first!.once('exit', r));
    expect(cardKeys(slack!).length).toBeLessThan(200);
    // Whichever led before, the survivor leads now: the server freed a dead replica's lock with its connection.
    await until(async () => (await leads(c.ports[1])) === 1, 30_000);

    await until(async () => (await count(c, 'SELECT count(*) AS n FROM tickets WHERE card_ts IS NULL')) === 0, 120_000);
    const cards = cardKeys(slack!);
    expect(new Set(cards).size).toBe(200);
    expect(cards).toHaveLength(200);
    // A write the killed replica had claimed is taken over once its 30 s lease lapses (checked, not sent again):
    // the outbox empties, and still no card went out twice.
    await until(
      async () => (await count(c, "SELECT count(*) AS n FROM outbox WHERE status IN ('pending', 'sending')")) === 0,
      90_000,
    );
    expect(cardKeys(slack!)).toHaveLength(200);
  }, 240_000);

  it('both replicas up across a handoff boundary: one handoff message, one user group update, one DM per member', async () => {
    // The next minute at least 25 s away is a handoff: Payments hands over to Search then.
    const boundary = new Date(Math.ceil((Date.now() + 25_000) / 60_000) * 60_000);
    const weekday = boundary.toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' }).toLowerCase();
    const time = boundary.toISOString().slice(11, 16);
    const anchor = new Date(boundary.getTime() - 7 * 86_400_000).toISOString().slice(0, 10);
    const members = { payments: ['U0PAYLEAD01', 'U0PAYDEV001'], search: ['U0SRCLEAD01', 'U0SRCDEV001'] };
    const c = await cluster(
      [
        'timezone: UTC',
        `dutyChannel: ${dutyChannel}`,
        'userGroup: S0SUPPORT01',
        `rotation: { periodDays: 7, handoff: { weekday: ${weekday}, time: "${time}" }, anchor: "${anchor}", headsUp: false }`,
        'teams:',
        `  - { name: Payments, lead: U0PAYLEAD01, members: [${members.payments.join(', ')}] }`,
        `  - { name: Search, lead: U0SRCLEAD01, members: [${members.search.join(', ')}] }`,
        '',
      ].join('\n'),
    );
    for (const id of [...members.payments, ...members.search]) slack!.addUser({ id });
    await Promise.all(c.ports.map((p) => serve(c, p)));
    const groupUpdates = () =>
      slack!.callsTo('usergroups.users.update').filter((a) => a.users === members.search.join(','));
    const handoffs = () =>
      slack!.callsTo('chat.postMessage').filter((a) => a.channel === dutyChannel && /Search/.test(String(a.text)));
    expect(handoffs()).toHaveLength(0);

    await new Promise((r) => setTimeout(r, Math.max(0, boundary.getTime() - Date.now())));
    await until(() => handoffs().length > 0 && groupUpdates().length > 0, 60_000);
    for (const id of members.search)
      await until(() => slack!.callsTo('chat.postMessage').some((a) => a.channel === id), 30_000);
    // Both replicas ran their schedulers through the boundary; give a second writer every chance to show.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(handoffs()).toHaveLength(1);
    expect(groupUpdates()).toHaveLength(1);
    for (const id of members.search)
      expect(slack!.callsTo('chat.postMessage').filter((a) => a.channel === id)).toHaveLength(1);
    expect(await count(c, "SELECT count(*) AS n FROM job_runs WHERE job = 'rotation.handoff'")).toBeGreaterThan(0);
  }, 180_000);
});
