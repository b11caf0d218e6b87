import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../harness/fake-slack';
import { until } from './support/world';

const dutyChannel = 'C0DUTY00001';
const tickets = 20;

let slack: FakeSlack | undefined;
let child: ChildProcess | undefined;
let dir: string | undefined;
afterEach(async () => {
  child?.kill('SIGKILL');
  await slack?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  slack = child = dir = undefined;
});

/**
 * `dutyloop serve` as its own process, at Slack's real pace (about one message
 * per second per channel) against a fake Slack that refuses anything faster.
 */
function processEnv(port: number) {
  return {
    PATH: process.env.PATH ?? '',
    SLACK_BOT_TOKEN: 'xoxb-kill-test',
    SLACK_SIGNING_SECRET: 'kill-test-secret',
    SLACK_API_URL: slack!.url,
    DATABASE_URL: `file:${path.join(dir!, 'db.sqlite')}`,
    DUTYLOOP_CONFIG: path.join(dir!, 'dutyloop.yaml'),
    PORT: String(port),
    LOG_LEVEL: 'warn',
  };
}

async function serve(port: number): Promise<ChildProcess> {
  const proc = spawn(process.execPath, [path.resolve('bin/dutyloop.js'), 'serve'], {
    env: processEnv(port),
    stdio: 'ignore',
  });
  for (let i = 0; i < 150 && proc.exitCode === null; i++) {
    if (
      await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return proc;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('dutyloop serve did not become healthy');
}

const cardPosts = (s: FakeSlack) => s.state.messages.filter((m) => m.channel === dutyChannel && !m.thread_ts);
const keyOf = (m: { metadata?: unknown }) => (m.metadata as { event_payload: { key: string } }).event_payload.key;

describe('a kill of the process mid-burst', () => {
  it('SIGKILL while cards are going out, then a restart on the same file: every ticket kept, every card posted once, one burst card', async () => {
    slack = await startFakeSlack({ channelRateLimitPerSecond: 1 });
    slack.allowStandard();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyloop-kill-'));
    fs.writeFileSync(path.join(dir, 'dutyloop.yaml'), `timezone: UTC\ndutyChannel: ${dutyChannel}\n`);
    const port = 20000 + Math.floor(Math.random() * 20000);
    child = await serve(port);

    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.resolve('bin/dutyloop.js'), 'token', 'create', '--name', 'helpdesk'],
      { env: processEnv(port) },
    );
    const headers = { authorization: `Bearer ${stdout.trim()}`, 'content-type': 'application/json' };
    const answers = await Promise.all(
      Array.from({ length: tickets }, (_, i) =>
        fetch(`http://127.0.0.1:${port}/api/tickets`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            source: 'helpdesk',
            externalId: `outage-${i}`,
            text: `Checkout fails with error 502 (${i})`,
          }),
        }).then((r) => r.status),
      ),
    );
    expect(answers.every((s) => s === 201)).toBe(true);

    await until(() => cardPosts(slack!).length >= 4, 20_000);
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    const before = cardPosts(slack).length;
    expect(before).toBeLessThan(tickets);

    child = await serve(port);
    const db = new Database(path.join(dir, 'db.sqlite'), { readonly: true });
    try {
      const carded = () =>
        (db.prepare('SELECT count(*) n FROM tickets WHERE card_ts IS NOT NULL').get() as { n: number }).n;
      await until(() => carded() === tickets, 60_000);
      expect((db.prepare('SELECT count(*) n FROM tickets').get() as { n: number }).n).toBe(tickets);
    } finally {
      db.close();
    }
    const keys = cardPosts(slack).map(keyOf);
    const cards = keys.filter((k) => k.startsWith('ticket.card:'));
    expect(cards).toHaveLength(tickets);
    expect(new Set(cards).size).toBe(tickets);
    expect(keys.filter((k) => k.startsWith('ticket.burst:'))).toHaveLength(1);
    // Slack's 429s were waited out: every refused post was followed by one that landed.
    expect(slack.callsTo('chat.postMessage').length).toBe(cardPosts(slack).length + slack.rateLimited.length);
  }, 120_000);
});
