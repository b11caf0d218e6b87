import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDb } from '../../src/adapters/db/client';
import { main } from '../../src/app/cli';
import { ManualClock } from '../../src/domain/clock';
import { startFakeSlack, type FakeSlack } from '../harness/fake-slack';
import { startTestApp, teamId, type TestApp } from '../support/app';

/**
 * The admin commands run as `npx dutyloop …` would: through the CLI's main,
 * on the database file a running server uses, configured by the environment.
 */
describe('dutyloop token list / token revoke / calendar rotate', () => {
  let dir: string;
  let slack: FakeSlack;
  let app: TestApp;
  let printed: string[];
  let complained: string[];
  const savedEnv = { ...process.env };

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyloop-admin-'));
    const dbFile = path.join(dir, 'dutyloop.db');
    fs.writeFileSync(
      path.join(dir, 'dutyloop.yaml'),
      `workspace:\n  id: ${teamId}\ntimezone: Europe/Berlin\ndutyChannel: C0DUTY00001\n`,
    );
    Object.assign(process.env, {
      DATABASE_URL: `file:${dbFile}`,
      DUTYLOOP_CONFIG: path.join(dir, 'dutyloop.yaml'),
      PUBLIC_URL: 'https://duty.example.com',
      LOG_LEVEL: 'silent',
    });
    slack = (await startFakeSlack()).allowStandard();
    app = await startTestApp({
      slackApiUrl: slack.url,
      clock: new ManualClock('2026-11-24T09:30:00Z'),
      db: openDb(`file:${dbFile}`),
      background: false,
    });
    printed = [];
    complained = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void printed.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void complained.push(a.join(' ')));
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const key of ['DATABASE_URL', 'DUTYLOOP_CONFIG', 'PUBLIC_URL', 'LOG_LEVEL', 'TZ']) {
      if (savedEnv[key] === undefined) delete process.env[key];
      else process.env[key] = savedEnv[key];
    }
    process.exitCode = undefined;
    await app.stop();
    await slack.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function cli(...argv: string[]): Promise<{ code: number; out: string[] }> {
    printed = [];
    process.exitCode = undefined;
    await main(argv);
    return { code: Number(process.exitCode ?? 0), out: printed };
  }
  const demand = (token: string) =>
    fetch(`${app.url}/api/demand`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
  const intake = (token: string, id: string) =>
    fetch(`${app.url}/api/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ source: 'zendesk', externalId: id, text: 'Export fails' }),
    }).then((r) => r.status);

  it('token list shows name, created and last used, never a token; a revoked token gets 401 at once', async () => {
    const zendesk = (await cli('token', 'create', '--name', 'zendesk')).out[0]!;
    const forms = (await cli('token', 'create', '--name', 'web-form')).out[0]!;
    expect(await intake(zendesk, 'z-1')).toBe(201);
    expect(await demand(forms)).toBe(200);

    // A server in Auckland still prints the organisation's (Berlin) times.
    process.env.TZ = 'Pacific/Auckland';
    const listed = await cli('token', 'list');
    if (savedEnv.TZ === undefined) delete process.env.TZ;
    else process.env.TZ = savedEnv.TZ;
    expect(listed.code).toBe(0);
    const text = listed.out.join('\n');
    expect(text).not.toContain(zendesk);
    expect(text).not.toContain(forms);
    expect(listed.out[0]).toMatch(/^id\s+name\s+created\s+last used\s+state$/);
    // Used at 09:30 UTC by the server's clock: 10:30 in the organisation's zone, whatever the process's.
    expect(listed.out.find((l) => l.includes('zendesk'))).toMatch(
      /^1\s+zendesk\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+2026-11-24 10:30\s+active$/,
    );
    expect(listed.out.find((l) => l.includes('web-form'))).toMatch(
      /^2\s+web-form\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+2026-11-24 10:30\s+active$/,
    );

    const revoked = await cli('token', 'revoke', 'zendesk');
    expect(revoked.code).toBe(0);
    expect(await intake(zendesk, 'z-2')).toBe(401);
    expect(await demand(zendesk)).toBe(401);
    expect(await demand(forms)).toBe(200);
    expect((await cli('token', 'list')).out.find((l) => l.includes('zendesk'))).toMatch(
      /revoked \d{4}-\d\d-\d\d \d\d:\d\d$/,
    );

    expect((await cli('token', 'revoke', '2')).code).toBe(0);
    expect(await demand(forms)).toBe(401);
  });

  it('revoke refuses an unknown, an already revoked or an ambiguous name, and changes nothing', async () => {
    const a = (await cli('token', 'create', '--name', 'helpdesk')).out[0]!;
    const b = (await cli('token', 'create', '--name', 'helpdesk')).out[0]!;
    expect((await cli('token', 'revoke', 'nope')).code).toBe(1);
    expect(complained.at(-1)).toContain('No API token named or numbered "nope"');
    expect((await cli('token', 'revoke', 'helpdesk')).code).toBe(1);
    expect(complained.at(-1)).toContain('revoke one by its id');
    expect([await demand(a), await demand(b)]).toEqual([200, 200]);
    expect((await cli('token', 'revoke', '1')).code).toBe(0);
    expect((await cli('token', 'revoke', '1')).code).toBe(1);
    expect(complained.at(-1)).toContain('already revoked');
    expect([await demand(a), await demand(b)]).toEqual([401, 200]);
    expect((await cli('token', 'frobnicate')).code).toBe(2);
  });

  it('calendar rotate prints a new feed URL once; the previous one stops working', async () => {
    const first = await cli('calendar', 'rotate');
    expect(first.code).toBe(0);
    expect(first.out).toHaveLength(1);
    const url = new URL(first.out[0]!);
    expect(url.origin).toBe('https://duty.example.com');
    const feed = (u: URL) => fetch(`${app.url}${u.pathname}${u.search}`).then((r) => r.status);
    expect(await feed(url)).toBe(200);
    const second = new URL((await cli('calendar', 'rotate')).out[0]!);
    expect(await feed(url)).toBe(401);
    expect(await feed(second)).toBe(200);
    printed = [];
    await main(['--help']);
    expect(printed.join('\n')).toMatch(/token list[\s\S]*token revoke <name\|id>[\s\S]*calendar rotate/);
  });
});
