import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutboxRepo, sqliteOutboxQueue } from '../../src/adapters/outbox/outbox.repo';
import { OutboxWorker, type OutboxJob } from '../../src/adapters/outbox/worker';
import { PermanentError, RetryLaterError } from '../../src/adapters/outbox/errors';
import { silentLogger } from '../../src/adapters/logger';
import { ManualClock } from '../../src/domain/clock';
import { memoryDb } from '../support/app';
import type { DbHandle } from '../../src/adapters/db/client';

describe('the durable outbox', () => {
  let handle: DbHandle;
  let worker: OutboxWorker | undefined;
  afterEach(async () => {
    await worker?.stop();
    handle.close();
  });

  function setup(clock = new ManualClock('2026-11-22T10:00:00Z'), laneInterval?: (lane: string) => number) {
    handle = memoryDb();
    worker = new OutboxWorker({
      queue: sqliteOutboxQueue(handle.db),
      clock,
      log: silentLogger,
      pollMs: 20,
      laneInterval,
    });
    return { repo: new OutboxRepo(handle.db), clock, worker };
  }

  it('performs writes of one lane in the order they were queued, each once', async () => {
    const { worker } = setup();
    const seen: unknown[] = [];
    worker.register('note', async (job) => void seen.push(job.payload));
    for (let i = 0; i < 5; i++) await worker.enqueue('T1', { kind: 'note', lane: 'a', payload: i });
    worker.start();
    await worker.idle();
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });

  it('queues a write only once per dedupe key', async () => {
    const { repo, worker } = setup();
    const a = repo.enqueue('T1', { kind: 'note', lane: 'a', payload: 1, dedupeKey: 'k' }, 0);
    const b = repo.enqueue('T1', { kind: 'note', lane: 'a', payload: 2, dedupeKey: 'k' }, 0);
    expect(b).toBe(a);
    const seen: unknown[] = [];
    worker.register('note', async (job) => void seen.push(job.payload));
    worker.start();
    await worker.idle();
    expect(seen).toEqual([1]);
  });

  it('retries a failed write no sooner than Retry-After, keeping the lane in order', async () => {
    const { worker, clock, repo } = setup();
    const seen: unknown[] = [];
    let failures = 1;
    worker.register('note', async (job) => {
      if (job.payload === 'first' && failures-- > 0) throw new RetryLaterError('rate limited', 30_000);
      seen.push(job.payload);
    });
    const first = await worker.enqueue('T1', { kind: 'note', lane: 'a', payload: 'first' });
    await worker.enqueue('T1', { kind: 'note', lane: 'a', payload: 'second' });
    worker.start();
    await worker.idle();
    expect(seen).toEqual([]);
    expect(repo.get(first)?.nextAttemptAt).toBeGreaterThanOrEqual(clock.now().getTime() + 30_000);
    clock.advance(29_000);
    worker.kick();
    await worker.idle();
    expect(seen).toEqual([]);
    clock.advance(2_000);
    worker.kick();
    await worker.idle();
    expect(seen).toEqual(['first', 'second']);
  });

  it('gives up on a permanent error and moves on to the next write', async () => {
    const { worker, repo } = setup();
    const seen: unknown[] = [];
    worker.register('note', async (job) => {
      if (job.payload === 'bad') throw new PermanentError('channel_not_found');
      seen.push(job.payload);
    });
    const bad = await worker.enqueue('T1', { kind: 'note', lane: 'a', payload: 'bad' });
    await worker.enqueue('T1', { kind: 'note', lane: 'a', payload: 'good' });
    worker.start();
    await worker.idle();
    expect(seen).toEqual(['good']);
    expect(repo.get(bad)).toMatchObject({ status: 'dead', lastError: 'channel_not_found' });
  });

  it('after a crash mid-send, the write is resumed and its handler is told it may already have gone out', async () => {
    const { repo, clock } = setup();
    const id = repo.enqueue('T1', { kind: 'note', lane: 'a', payload: 'x' }, clock.now().getTime());
    expect(repo.markSending(id, 'crashed-process', clock.now().getTime())).toBe(true); // the process dies here
    clock.advance(31_000); // its lease lapses
    const restarted = new OutboxWorker({ queue: sqliteOutboxQueue(handle.db), clock, log: silentLogger, pollMs: 20 });
    const jobs: OutboxJob[] = [];
    restarted.register('note', async (job) => void jobs.push(job));
    restarted.start();
    await restarted.idle();
    await restarted.stop();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ uncertain: true, attempts: 2 });
    expect(repo.get(id)?.status).toBe('done');
  });

  it('a write claimed by a process on this host that no longer runs is resumed at once, without waiting for its lease', async () => {
    const { repo, clock } = setup();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const id = repo.enqueue('T1', { kind: 'note', lane: 'a', payload: 'x' }, clock.now().getTime());
    expect(repo.markSending(id, `${hostname()}/${dead}/killed`, clock.now().getTime())).toBe(true);
    const restarted = new OutboxWorker({ queue: sqliteOutboxQueue(handle.db), clock, log: silentLogger, pollMs: 20 });
    const jobs: OutboxJob[] = [];
    restarted.register('note', async (job) => void jobs.push(job));
    restarted.start();
    await restarted.idle();
    await restarted.stop();
    expect(jobs).toMatchObject([{ uncertain: true }]);
  });

  it('a second process starting while a write is in flight does not send it again, and takes it over only when the sender stops renewing', async () => {
    const { worker: first, repo, clock } = setup();
    let release!: () => void;
    const sent: string[] = [];
    first.register('note', async () => {
      sent.push('first');
      await new Promise<void>((r) => (release = r));
    });
    const id = await first.enqueue('T1', { kind: 'note', lane: 'a', payload: 'x' });
    first.start();
    await vi.waitFor(() => expect(sent).toEqual(['first']));

    const second = new OutboxWorker({ queue: sqliteOutboxQueue(handle.db), clock, log: silentLogger, pollMs: 20 });
    second.register('note', async () => void sent.push('second'));
    second.start();
    clock.advance(20_000);
    await new Promise((r) => setTimeout(r, 60)); // the first renews its lease on its next tick
    clock.advance(20_000); // 40 s after the claim, but 20 s after the renewal
    await new Promise((r) => setTimeout(r, 60));
    expect(sent).toEqual(['first']);
    expect(repo.get(id)?.status).toBe('sending');

    release();
    await first.idle();
    await second.stop();
    expect(repo.get(id)).toMatchObject({ status: 'done', uncertain: false });
    expect(sent).toEqual(['first']);
  });

  it('paces a lane at its interval', async () => {
    const { worker, clock } = setup(new ManualClock('2026-11-22T10:00:00Z'), (lane) =>
      lane.startsWith('slack:post:') ? 1000 : 0,
    );
    const seen: unknown[] = [];
    worker.register('note', async (job) => void seen.push(job.payload));
    await worker.enqueue('T1', { kind: 'note', lane: 'slack:post:C1', payload: 1 });
    await worker.enqueue('T1', { kind: 'note', lane: 'slack:post:C1', payload: 2 });
    await worker.enqueue('T1', { kind: 'note', lane: 'slack:post:C2', payload: 'other channel' });
    worker.start();
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toEqual([1, 'other channel']);
    clock.advance(1000);
    worker.kick();
    await worker.idle();
    expect(seen).toEqual([1, 'other channel', 2]);
  });
});
