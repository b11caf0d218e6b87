import type Database from 'better-sqlite3';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Db } from './client';
import { readModels, type ReadModelArgs, type ReadModelName, type ReadModelResult } from './read-models';
import type { ReadReply, ReadRequest } from './read-worker';
import { connectionOf } from './statements';

/**
 * Heavy reads, answered asynchronously. better-sqlite3 runs a query on the
 * calling thread, so on a file database they go to a worker thread with its own
 * read-only connection and every Slack ack keeps its turn on the event loop. An
 * in-memory database (tests, a throwaway demo) has no file a second connection
 * could open, so there the same read model runs on the caller's connection.
 * A worker reads what is committed: call these outside a write transaction.
 */
export interface ReadModels {
  run<N extends ReadModelName>(name: N, args: ReadModelArgs<N>): Promise<ReadModelResult<N>>;
  close(): Promise<void>;
}

const pools = new WeakMap<Database.Database, ReadModels>();

export function readModelsFor(db: Db): ReadModels {
  const conn = connectionOf(db);
  let pool = pools.get(conn);
  if (!pool) {
    pool = conn.memory || !conn.name ? inlineReads(conn) : new WorkerReads(path.resolve(conn.name));
    pools.set(conn, pool);
  }
  return pool;
}

/** Stops the read worker of `db`'s connection, if it has one; the next read starts a new one. */
export async function closeReadModels(db: Db): Promise<void> {
  const conn = connectionOf(db);
  const pool = pools.get(conn);
  pools.delete(conn);
  await pool?.close();
}

function inlineReads(conn: Database.Database): ReadModels {
  return {
    run: async (name, args) => (readModels[name] as (c: Database.Database, a: unknown) => never)(conn, args),
    close: async () => undefined,
  };
}

/** In dist the worker is its own bundle beside the chunks; in src, a small .mjs that loads the .ts through tsx. */
function spawnWorker(workerData: unknown): Worker {
  const here = import.meta.url;
  return new Worker(new URL(/\.ts$/.test(here) ? './read-worker-dev.mjs' : './read-worker.js', here), { workerData });
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
}

class WorkerReads implements ReadModels {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly file: string) {}

  run<N extends ReadModelName>(name: N, args: ReadModelArgs<N>): Promise<ReadModelResult<N>> {
    this.worker ??= this.spawn();
    const worker = this.worker;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      // Referenced only while a read is outstanding: an idle worker never keeps the process alive.
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ id, name, args } satisfies ReadRequest);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
    this.failAll(new Error('read worker closed'));
  }

  private spawn(): Worker {
    const worker = spawnWorker({ dutyloopReadWorker: this.file });
    worker.unref();
    worker.on('message', (reply: ReadReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (reply.ok) p.resolve(reply.result);
      else p.reject(new Error(reply.message));
    });
    worker.on('error', (err) => this.failAll(err));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(new Error('read worker stopped'));
    });
    return worker;
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}
