import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../bench/dataset';
import { openDb } from '../../src/adapters/db/client';
import { fileReaderHeaders } from '../dashboard/support/api-token';
import { startFakeSlack } from '../harness/fake-slack';
import { teamId } from '../support/app';
import { serveCompiled } from '../support/serve';

/**
 * The read worker is SQLite's: long reads of a file database run off the main
 * thread (PostgreSQL reads on its pool, which the other demand tests cover).
 */
describe('the compiled server on a file database', () => {
  it('answers /api/demand for every window through its read worker, and still stops cleanly', async () => {
    const slack = await startFakeSlack();
    slack.allowStandard();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyloop-demand-'));
    const dbUrl = `file:${path.join(dir, 'db.sqlite')}`;
    const seeded = openDb(dbUrl);
    const now = Date.now();
    generateDataset(seeded.sqlite, { tickets: 3_000, links: 900, issues: 60, now, workspaceId: teamId });
    const headers = fileReaderHeaders(seeded, teamId);
    const expectedTop = seeded.sqlite
      .prepare(
        'SELECT issue_id AS id, count(DISTINCT customer_key) AS customers FROM ticket_issue_links GROUP BY issue_id ORDER BY customers DESC LIMIT 1',
      )
      .get() as { id: number; customers: number };
    seeded.close();
    const config = path.join(dir, 'dutyloop.yaml');
    fs.writeFileSync(config, `timezone: UTC\ndutyChannel: C0DUTY00001\nworkspace:\n  id: ${teamId}\n`);
    const port = 20000 + Math.floor(Math.random() * 20000);
    const served = await serveCompiled(
      {
        SLACK_BOT_TOKEN: 'xoxb-demand-test',
        SLACK_SIGNING_SECRET: 'demand-secret',
        SLACK_API_URL: slack.url,
        DATABASE_URL: dbUrl,
        DUTYLOOP_CONFIG: config,
      },
      port,
    );
    try {
      expect(served.healthy, served.output()).toBe(true);
      for (const window of ['7d', '30d', '90d', 'all']) {
        const res = await fetch(`http://127.0.0.1:${port}/api/demand?window=${window}`, { headers });
        expect(res.status, served.output()).toBe(200);
        const body = (await res.json()) as { issues: { issueId: number; customers: number }[] };
        expect(body.issues.length).toBeGreaterThan(0);
        if (window === 'all') expect(body.issues[0]!.customers).toBe(expectedTop.customers);
      }
    } finally {
      served.child.kill('SIGTERM');
    }
    expect(await served.exited, served.output()).toBe(0);
    await slack.close();
    expect(served.output()).toContain('dutyloop stopped');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
