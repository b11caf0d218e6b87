import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../harness/fake-slack';
import { serveCompiled } from '../support/serve';

describe('dutyloop serve as a process', () => {
  let slack: FakeSlack | undefined;
  afterEach(async () => {
    await slack?.close();
  });

  it('migrates, serves, and on SIGTERM stops accepting, closes the database and exits 0', async () => {
    slack = await startFakeSlack();
    slack.allowStandard();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyloop-serve-'));
    const config = path.join(dir, 'dutyloop.yaml');
    fs.writeFileSync(config, 'timezone: UTC\ndutyChannel: C0DUTY00001\n');
    const port = 20000 + Math.floor(Math.random() * 20000);
    const served = await serveCompiled(
      {
        SLACK_BOT_TOKEN: 'xoxb-process-test',
        SLACK_SIGNING_SECRET: 'process-secret',
        SLACK_API_URL: slack.url,
        DATABASE_URL: `file:${path.join(dir, 'db.sqlite')}`,
        DUTYLOOP_CONFIG: config,
      },
      port,
    );
    expect(served.healthy, served.output()).toBe(true);
    expect(fs.existsSync(path.join(dir, 'db.sqlite'))).toBe(true);

    served.child.kill('SIGTERM');
    expect(await served.exited).toBe(0);
    const out = served.output();
    expect(out).toContain('dutyloop stopped');
    expect(out).not.toContain('process-secret');
    expect(out).not.toContain('xoxb-process-test');
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
