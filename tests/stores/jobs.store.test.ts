import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PgJobRunsStore } from '../../src/adapters/db/pg/jobs.store';
import type { JobRunsStore } from '../../src/services/ports/rotation';
import { engines, type OpenEngine, workspaceId } from './engines';

describe.each(engines)('the job runs store on $name', (engine) => {
  let open: OpenEngine;
  let jobs: JobRunsStore;
  beforeEach(async () => {
    open = await engine.open();
    jobs = open.name === 'sqlite' ? open.ports.repos.jobs : new PgJobRunsStore(open.db);
  }, 60_000);
  afterEach(async () => {
    await open.close();
  });

  it('starts each run of a job once: a second start of the same run gets nothing', async () => {
    const id = await jobs.tryStart(workspaceId, 'handoff', '2026-11-20', 1000, false);
    expect(id).toBeTypeOf('number');
    expect(await jobs.tryStart(workspaceId, 'handoff', '2026-11-20', 2000, false)).toBeNull();
    expect(await jobs.tryStart(workspaceId, 'handoff', '2026-11-27', 2000, false)).toBeTypeOf('number');
    expect(await jobs.tryStart(workspaceId, 'heads-up', '2026-11-20', 2000, false)).toBeTypeOf('number');
  });

  it('tells the latest run of a job, how it ended and whether it ran late', async () => {
    expect(await jobs.last(workspaceId, 'handoff')).toBeUndefined();
    const first = (await jobs.tryStart(workspaceId, 'handoff', 'w1', 1000, false))!;
    await jobs.finish(first, 1100);
    const second = (await jobs.tryStart(workspaceId, 'handoff', 'w2', 5000, true))!;
    expect(await jobs.last(workspaceId, 'handoff')).toEqual({
      id: second,
      workspaceId,
      job: 'handoff',
      runKey: 'w2',
      status: 'running',
      late: true,
      startedAt: 5000,
      finishedAt: null,
      error: null,
    });
    await jobs.finish(second, 5200, 'Slack said no');
    expect(await jobs.last(workspaceId, 'handoff')).toMatchObject({
      status: 'failed',
      finishedAt: 5200,
      error: 'Slack said no',
    });
    expect(await jobs.last('T0OTHER', 'handoff')).toBeUndefined();
  });
});
