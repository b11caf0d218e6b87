import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/app/config';
import { parseConfigFile } from '../../src/app/config/file';

const run = promisify(execFile);
const bin = path.resolve('bin/dutyloop.js');

function tmpConfig(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyloop-config-'));
  const file = path.join(dir, 'dutyloop.yaml');
  fs.writeFileSync(file, text);
  return file;
}

describe('configuration', () => {
  it('the committed example config parses', () => {
    const { config, problems } = parseConfigFile(fs.readFileSync('config/dutyloop.example.yaml', 'utf8'), 'example');
    expect(problems).toEqual([]);
    expect(config?.rotation.periodDays).toBe(14);
    expect(config?.teams.map((t) => t.name)).toEqual(['Payments', 'Onboarding', 'Search', 'Mobile']);
  });

  it('names the file, line and reason of every problem in the YAML file', () => {
    const text = [
      'timezone: Mars/Olympus',
      'dutyChannel: general',
      'rotation:',
      '  periodDays: 14',
      '  handoff:',
      '    time: "25:00"',
      'teamz: []',
    ].join('\n');
    const { problems } = parseConfigFile(text, 'dutyloop.yaml');
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^dutyloop\.yaml:1: timezone is not an IANA time zone/),
        expect.stringMatching(/^dutyloop\.yaml:2: dutyChannel must be a Slack channel id/),
        expect.stringMatching(/^dutyloop\.yaml:6: rotation\.handoff\.time must be a time like 09:30/),
        expect.stringMatching(/^dutyloop\.yaml:\d+: .*teamz/),
      ]),
    );
  });

  it('names a topic that cannot be configured, with its line', () => {
    const text = ['timezone: UTC', 'topics:', '  billing: [invoice]', '  other: [misc]', '  Log In: [password]'].join(
      '\n',
    );
    const { problems } = parseConfigFile(text, 'dutyloop.yaml');
    expect(problems).toEqual([
      expect.stringMatching(/^dutyloop\.yaml:4: topics\.other "other" is the topic of tickets that match none/),
      expect.stringMatching(/^dutyloop\.yaml:5: topics\.Log In a topic name is lower-case letters/),
    ]);
  });

  it('reports a YAML syntax error with its line', () => {
    const { problems } = parseConfigFile('timezone: UTC\nteams:\n  - name: [unclosed\n', 'bad.yaml');
    expect(problems[0]).toMatch(/^bad\.yaml:\d+: /);
  });

  it('collects every bad environment variable in one error', () => {
    const file = tmpConfig('timezone: UTC\n');
    try {
      loadConfig({ DUTYLOOP_CONFIG: file, PORT: 'eighty', SLACK_BOT_TOKEN: 'nope', SLACK_API_URL: 'not a url' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT: must be a port number/);
      expect(problems).toMatch(/SLACK_BOT_TOKEN: must start with xoxb-/);
      expect(problems).toMatch(/SLACK_API_URL: /);
    }
  });

  it('`dutyloop serve` with no environment lists the missing variables and exits non-zero, without a stack trace', async () => {
    const env = { PATH: process.env.PATH ?? '', HOME: os.tmpdir() };
    const result = await run(process.execPath, [bin, 'serve'], { env }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/SLACK_BOT_TOKEN is missing/);
    expect(result.stderr).toMatch(/SLACK_SIGNING_SECRET is missing/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('`dutyloop --help` lists the commands', async () => {
    const { stdout } = await run(process.execPath, [bin, '--help']);
    expect(stdout).toMatch(/serve/);
    expect(stdout).toMatch(/migrate/);
  });
  it('refuses a DATABASE_URL it cannot use or reach, naming the host but never the password, and creates no file', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyloop-dburl-'));
    const config = tmpConfig('timezone: UTC\ndutyChannel: C0DUTY00001\nteams: []\n');
    const attempt = (url: string) =>
      run(process.execPath, [bin, 'migrate'], {
        cwd,
        env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), DATABASE_URL: url, DUTYLOOP_CONFIG: config },
      }).then(
        () => ({ code: 0, stdout: '', stderr: '' }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );

    // A PostgreSQL URL is taken; a server that is not there stops the command with one line.
    const pg = await attempt('postgres://dutyloop:s3cr3t-pw@db.invalid:5432/dutyloop');
    expect(pg.stderr).toMatch(
      /cannot use PostgreSQL at db\.invalid:5432\/dutyloop: (no such host|the host name could not be resolved)/,
    );
    const refused = await attempt('postgres://dutyloop:s3cr3t-pw@127.0.0.1:1/dutyloop');
    expect(refused.stderr).toMatch(/cannot use PostgreSQL at 127\.0\.0\.1:1\/dutyloop: connection refused/);
    const mysql = await attempt('mysql://root:s3cr3t-pw@db.internal/dutyloop');
    expect(mysql.stderr).toMatch(/DATABASE_URL: mysql: is not a database dutyloop can use/);
    const malformed = await attempt('postgres://');
    expect(malformed.stderr).toMatch(/DATABASE_URL: is not a valid postgres:\/\/ URL/);
    for (const r of [pg, refused, mysql, malformed]) {
      expect(r.code).not.toBe(0);
      expect(r.stdout + r.stderr).not.toContain('s3cr3t-pw');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it('still takes a plain path and file: URLs for SQLite, and prints the database without a password', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyloop-dburl-'));
    const config = tmpConfig('timezone: UTC\ndutyChannel: C0DUTY00001\nteams: []\n');
    const env = { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), DUTYLOOP_CONFIG: config };
    const { stdout } = await run(process.execPath, [bin, 'migrate'], {
      cwd,
      env: { ...env, DATABASE_URL: 'file:./data/x.db' },
    });
    expect(stdout).toMatch(/migrations applied to file:.\/data\/x\.db/);
    await run(process.execPath, [bin, 'migrate'], { cwd, env: { ...env, DATABASE_URL: 'plain.db' } });
    expect(fs.existsSync(path.join(cwd, 'data', 'x.db'))).toBe(true);
    expect(fs.existsSync(path.join(cwd, 'plain.db'))).toBe(true);
  });
});
