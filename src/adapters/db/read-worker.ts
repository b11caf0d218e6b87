import Database from 'better-sqlite3';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { readModels, type ReadModelName } from './read-models';

/**
 * The read worker's entry (a second esbuild entry point, dist/read-worker.js):
 * its own read-only connection to the same SQLite file under WAL, so a long read
 * runs beside the event loop instead of on it. It never writes.
 */
export interface ReadRequest {
  id: number;
  name: ReadModelName;
  args: unknown;
}

export type ReadReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; message: string };

function serveReads(file: string): void {
  const conn = new Database(file, { readonly: true, fileMustExist: true });
  conn.pragma('busy_timeout = 5000');
  parentPort!.on('message', (req: ReadRequest) => {
    let reply: ReadReply;
    try {
      const run = readModels[req.name] as (c: Database.Database, a: unknown) => unknown;
      if (typeof run !== 'function') throw new Error(`unknown read model ${String(req.name)}`);
      reply = { id: req.id, ok: true, result: run(conn, req.args) };
    } catch (err) {
      reply = { id: req.id, ok: false, message: (err as Error).message };
    }
    parentPort!.postMessage(reply);
  });
  parentPort!.once('close', () => conn.close());
}

if (!isMainThread && (workerData as { dutyloopReadWorker?: string } | null)?.dutyloopReadWorker) {
  serveReads((workerData as { dutyloopReadWorker: string }).dutyloopReadWorker);
}
