import { setTimeout as delay } from 'node:timers/promises';

/**
 * When a statement or transaction that failed on PostgreSQL may simply run
 * again: the connection was lost (a server restart, a failover, a killed
 * backend) or the database chose it as a deadlock or serialisation victim.
 */
const maxAttempts = 4;
const retryDelayMs = 50;

/** SQLSTATE classes and codes after which the transaction committed nothing and may simply run again. */
const retryableCodes = new Set(['40001', '40P01', '57P01', '57P02', '57P03']);
const retryableNodeCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);

/** Whether `err` (or an error it wraps: drizzle wraps the driver's) says the connection was lost or the transaction lost a race. */
export function isRetryable(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (retryableCodes.has(code) || code.startsWith('08') || retryableNodeCodes.has(code)))
      return true;
    // node-postgres reports a socket closed under it, and any query on that client afterwards, without a code.
    if (/^Connection terminated|^Client has encountered a connection error/.test(e.message)) return true;
  }
  return false;
}

/**
 * Runs `attempt`, and again (up to four times in all, pausing a little longer
 * each time) after an error `isRetryable` names, while `mayRetry` allows.
 */
export async function withRetries<T>(attempt: () => Promise<T>, mayRetry: () => boolean = () => true): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (n >= maxAttempts || !isRetryable(err) || !mayRetry()) throw err;
      await delay(retryDelayMs * n);
    }
  }
}
