import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRunbookLibrary, type RunbookLibraryHandle } from '../../src/adapters/knowledge/runbooks';
import { createLogger } from '../../src/adapters/logger';
import { startFakeSlack, type FakeSlack } from '../harness/fake-slack';
import { postSlashCommand } from '../harness/slack-requests';
import { startTestApp, type TestApp } from '../support/app';
import { until } from '../tickets/support/world';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempFolder(files: Record<string, string | Buffer> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyloop-runbooks-'));
  for (const [name, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), body);
  }
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The library over `dir`, looking for changes every 20 ms, and the log lines it wrote. */
function open(dir: string, opts: { publicUrl?: string } = {}): { lib: RunbookLibraryHandle; logs: string[] } {
  const logs: string[] = [];
  const lib = loadRunbookLibrary({
    dir,
    publicUrl: opts.publicUrl,
    pollMs: 20,
    log: createLogger('info', { write: (l: string) => void logs.push(l) }),
  });
  cleanups.push(() => lib.close());
  return { lib, logs };
}

/** The log lines whose message names `file`, parsed. */
const logsNaming = (logs: string[], file: string) =>
  logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => String(l.msg).includes(file));

describe('runbook library', () => {
  it('splits each file by its headings; the text before the first heading belongs to the title section; keys and links name file and anchor', () => {
    const dir = tempFolder({
      'db/failover.md':
        'Read this first.\n\n# Database failover\n\nWhen the primary dies.\n\n## Promote the replica\n\n1. Run `promote`\n2. Check **lag**\n\n## Promote the replica\n\nAgain.\n',
      'notes.md': 'Just words, no heading.\n',
      'skip.txt': '# Not markdown',
    });
    const { lib } = open(dir, { publicUrl: 'https://duty.example.com/' });
    expect(lib.runbooks()).toEqual([
      {
        file: 'db/failover.md',
        title: 'Database failover',
        url: 'https://duty.example.com/runbooks/db/failover.md',
        sections: 3,
      },
      { file: 'notes.md', title: 'notes', url: 'https://duty.example.com/runbooks/notes.md', sections: 1 },
    ]);
    const [title, promote, again, notes] = lib.sections();
    expect(title).toMatchObject({
      key: 'db/failover.md#database-failover',
      heading: 'Database failover',
      runbook: 'Database failover',
      text: 'Read this first.\n\nWhen the primary dies.',
    });
    expect(promote).toMatchObject({
      key: 'db/failover.md#promote-the-replica',
      text: '1. Run promote\n2. Check lag',
      url: 'https://duty.example.com/runbooks/db/failover.md#promote-the-replica',
    });
    expect(again!.key).toBe('db/failover.md#promote-the-replica-1');
    expect(notes).toMatchObject({ key: 'notes.md#notes', heading: 'notes', text: 'Just words, no heading.' });
  });

  it('without PUBLIC_URL there are no links; a missing folder is no runbooks and one info line', async () => {
    const dir = path.join(tempFolder(), 'not-there');
    const { lib, logs } = open(dir);
    expect(lib.runbooks()).toEqual([]);
    expect(lib.sections()).toEqual([]);
    await new Promise((r) => setTimeout(r, 100));
    expect(logsNaming(logs, 'not-there')).toHaveLength(1);
    expect(logsNaming(logs, 'not-there')[0]).toMatchObject({ level: 30 });

    // The folder appears later: read on the next look.
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'a.md'), '# A\n\ntext');
    await until(() => lib.runbooks().length === 1);
    expect(lib.runbooks()[0]).toMatchObject({ file: 'a.md', url: null });
  });

  it('a file that is not UTF-8 and a 10 MB file are skipped with one log line each naming them, not repeated on later reads', async () => {
    const dir = tempFolder({
      'good.md': '# Good\n\nkept',
      'latin1.md': Buffer.from([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0a, 0xff, 0xfe]),
      'huge.md': `# Huge\n\n${'a'.repeat(10 * 1024 * 1024)}`,
    });
    const { lib, logs } = open(dir);
    expect(lib.runbooks().map((r) => r.file)).toEqual(['good.md']);
    expect(logsNaming(logs, 'latin1.md')).toEqual([
      expect.objectContaining({ level: 40, msg: 'runbooks: skipped latin1.md: not valid UTF-8' }),
    ]);
    expect(logsNaming(logs, 'huge.md')).toEqual([
      expect.objectContaining({ level: 40, msg: 'runbooks: skipped huge.md: larger than 1 MB' }),
    ]);

    const before = lib.version();
    fs.writeFileSync(path.join(dir, 'good.md'), '# Good\n\nchanged');
    await until(() => lib.version() > before);
    expect(lib.sections()[0]!.text).toBe('changed');
    expect(logsNaming(logs, 'latin1.md')).toHaveLength(1);
    expect(logsNaming(logs, 'huge.md')).toHaveLength(1);
  });

  it('a runbook of nearly a megabyte of unclosed links is read as text (the parser does not hang on it)', () => {
    const dir = tempFolder({ 'odd.md': `# Odd\n\n${'[a]('.repeat(250_000 - 4)}` });
    const { lib } = open(dir);
    expect(lib.sections()).toEqual([
      expect.objectContaining({ heading: 'Odd', text: expect.stringMatching(/^\[a\]\(\[a\]\(/) }),
    ]);
  }, 30_000);

  it('a runbook edited, added or removed on disk is read again and version() moves', async () => {
    const dir = tempFolder({ 'outage.md': '# Outage\n\n## Page someone\n\nCall the on-call engineer.' });
    const { lib } = open(dir);
    const v1 = lib.version();
    expect(lib.sections().map((s) => s.heading)).toEqual(['Outage', 'Page someone']);

    fs.writeFileSync(
      path.join(dir, 'outage.md'),
      '# Outage\n\n## Page someone\n\nCall the on-call engineer.\n\n## Roll back\n\nRedeploy the last good release.',
    );
    await until(() => lib.version() > v1);
    expect(lib.sections().map((s) => s.heading)).toEqual(['Outage', 'Page someone', 'Roll back']);

    const v2 = lib.version();
    fs.writeFileSync(path.join(dir, 'billing.md'), '# Billing\n\nRefunds go through finance.');
    await until(() => lib.version() > v2);
    expect(lib.runbooks().map((r) => r.title)).toEqual(['Billing', 'Outage']);

    const v3 = lib.version();
    fs.rmSync(path.join(dir, 'outage.md'));
    await until(() => lib.version() > v3);
    expect(lib.runbooks().map((r) => r.title)).toEqual(['Billing']);
  });
});

describe('runbooks in Slack and on the dashboard', () => {
  let app: TestApp | undefined;
  let slack: FakeSlack | undefined;
  afterEach(async () => {
    slack?.assertNoUnexpectedCalls();
    await app?.stop();
    await slack?.close();
    app = undefined;
    slack = undefined;
  });

  it('/duty runbook lists the example runbook with its link, ephemerally', async () => {
    slack = (await startFakeSlack()).allowStandard();
    app = await startTestApp({ slackApiUrl: slack.url, env: { PUBLIC_URL: 'https://duty.example.com' } });
    await postSlashCommand(app.slackTarget, { text: 'runbook', response_url: slack.responseUrl('rb') });
    const reply = await slack.waitForResponse();
    expect(reply.body).toMatchObject({ response_type: 'ephemeral' });
    const text = JSON.stringify(reply.body.blocks);
    expect(text).toContain('<https://duty.example.com/runbooks/everything-is-down.md|Everything is down at 3 a.m.>');
    expect(text).toMatch(/\d+ sections/);

    // The pages are for signed-in members, like the rest of the dashboard.
    for (const page of ['/runbooks', '/runbooks/everything-is-down.md']) {
      const res = await fetch(`${app.url}${page}`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(`/auth/login?next=${encodeURIComponent(page)}`);
    }

    await postSlashCommand(app.slackTarget, { text: 'help', response_url: slack.responseUrl('help') });
    expect(JSON.stringify((await slack.waitForResponse((r) => r.id === 'help')).body)).toContain('/duty runbook');
  });

  it('the runbook page renders the markdown with an anchor per heading and escapes any HTML in it', async () => {
    const dir = tempFolder({
      'evil.md': [
        '# Ops <script>alert(1)</script>',
        '',
        'Click [here](javascript:alert(2)) or [the status page](https://status.example.com).',
        '',
        '<img src=x onerror="alert(3)">',
        '',
        '## Step "two" & more',
        '',
        '- a <b>bold</b> claim',
        '',
        '```',
        '</code></pre><script>alert(4)</script>',
        '```',
      ].join('\n'),
    });
    app = await startTestApp({
      mode: 'demo',
      file: { knowledge: { runbooks: dir } },
      env: { PUBLIC_URL: 'https://duty.example.com' },
    });
    const res = await fetch(`${app.url}/runbooks/evil.md`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toMatch(/<script>alert|<img|<b>|javascript:/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(3)&quot;&gt;');
    expect(html).toContain('<a href="https://status.example.com/" rel="noopener noreferrer">the status page</a>');
    expect(html).toContain('id="step-two-more"');
    expect(html).toMatch(/<h1 id="ops-scriptalert1script">/);

    // The knowledge search finds a runbook section and links to its anchor on this page.
    const { results } = (await (
      await fetch(`${app.url}/api/similar?text=${encodeURIComponent('step two more claim')}`)
    ).json()) as { results: { kind: string; id: string; url: string | null }[] };
    expect(results.find((r) => r.kind === 'runbook')).toMatchObject({
      id: 'evil.md#step-two-more',
      url: 'https://duty.example.com/runbooks/evil.md#step-two-more',
    });

    const list = await (await fetch(`${app.url}/runbooks`)).text();
    expect(list).toContain('href="/runbooks/evil.md#step-two-more"');
    expect((await fetch(`${app.url}/runbooks/nope.md`)).status).toBe(404);
    expect((await fetch(`${app.url}/runbooks/..%2F..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${app.url}/runbooks/%E0%A4%A`)).status).toBe(404);
  });
});
