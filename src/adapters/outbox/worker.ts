import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../logger';
import type { Clock } from '../../domain/clock';
import type { EnqueueInput } from '../../services/ports/outbox';
import { classifyError } from './errors';
import type { OutboxQueue, OutboxRow } from './queue';

export interface OutboxJob {
  id: number;
  workspaceId: string;
  kind: string;
  lane: string;
  payload: unknown;
  attempts: number;
  /** The previous attempt was interrupted; it may have gone out. */
  uncertain: boolean;
}
export type OutboxHandler = (job: OutboxJob) => Promise<unknown>;

export interface OutboxWorkerOptions {
  /** The outbox table of the engine in use. */
  queue: OutboxQueue;
  clock: Clock;
  log: Logger;
  /** Minimum milliseconds between two sends in a lane (e.g. Slack's ~1 message/s/channel). */
  laneInterval?: (lane: string) => number;
  concurrency?: number;
  pollMs?: number;
  maxAttempts?: number;
  /** How long a send may go unrenewed before another process takes it over (default 30 s). */
  leaseMs?: number;
}

const LEASE_MS = 30_000;

/** The nonces of the workers running in this process (tests run several side by side). */
const liveNonces = new Set<string>();

/**
 * Performs outbox rows: FIFO per lane, lanes in parallel, retries with
 * exponential back-off (honouring Retry-After), and a dead letter after
 * `maxAttempts`. Survives restarts because the state is in the table.
 */
export class OutboxWorker {
  private readonly queue: OutboxQueue;
  private readonly handlers = new Map<string, OutboxHandler>();
  private readonly lastSent = new Map<string, number>();
  private readonly busy = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  /** The ids of the rows being sent, whose leases this worker renews. */
  private readonly launched = new Set<number>();
  /** A claim failed: rows may be claimed in our name that we never received, to be handed back. */
  private claimsUnsure = false;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private ticking = false;
  private idleWaiters: (() => void)[] = [];
  /** This process's name on the rows it sends: host, pid and a nonce for this worker. */
  private readonly nonce = randomUUID();
  private readonly owner = `${hostname()}/${process.pid}/${this.nonce}`;
  private lastLeaseCheck = 0;

  constructor(private readonly opts: OutboxWorkerOptions) {
    this.queue = opts.queue;
  }

  register(kind: string, handler: OutboxHandler): this {
    this.handlers.set(kind, handler);
    return this;
  }

  /** Enqueue outside a unit of work (services queue through ctx.repos.outbox or ctx.notify). */
  async enqueue(workspaceId: string, input: EnqueueInput): Promise<number> {
    const id = await this.queue.enqueue(workspaceId, input, this.opts.clock.now().getTime());
    this.kick();
    return id;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    liveNonces.add(this.nonce);
    void this.recoverLapsed(this.opts.clock.now().getTime()).finally(() => this.schedule(0));
  }

  /** Stops picking new rows and waits for the ones being sent. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.inFlight]);
    liveNonces.delete(this.nonce);
  }

  /** Wake up now (after an enqueue). */
  kick(): void {
    if (this.running) this.schedule(0);
  }

  /** Resolves when nothing is due or in flight (for tests and the bench). */
  async idle(): Promise<void> {
    // A tick under way may be claiming rows it has not launched yet: it looks for itself when it ends.
    if (!this.ticking && (await this.isIdle()) && !this.ticking) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private async isIdle(): Promise<boolean> {
    if (this.inFlight.size > 0) return false;
    const due = await this.queue.hasDue(this.opts.clock.now().getTime(), this.busy);
    // Asking took a round trip on PostgreSQL: a row claimed meanwhile is no longer due, but in flight.
    return !due && this.inFlight.size === 0;
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), ms);
    this.timer.unref?.();
  }

  private tick(): void {
    if (!this.running || this.ticking) return;
    this.ticking = true;
    void this.claimAndLaunch()
      .then(
        (nextWake) => this.schedule(nextWake),
        (err: unknown) => {
          this.opts.log.error({ err }, 'outbox: tick failed');
          this.schedule(1000);
        },
      )
      .finally(() => {
        this.ticking = false;
      });
  }

  /** Claims what is due and free to go, launches it, and says when to look again. */
  private async claimAndLaunch(): Promise<number> {
    const now = this.opts.clock.now().getTime();
    await this.tendLeases(now);
    if (this.claimsUnsure) {
      const released = await this.queue.releaseUnlaunched(this.owner, [...this.launched]);
      this.claimsUnsure = false;
      if (released > 0) this.opts.log.warn({ released }, 'outbox: handing back writes claimed by a lost statement');
    }
    const free = (this.opts.concurrency ?? 8) - this.inFlight.size;
    let nextWake = this.opts.pollMs ?? 500;
    if (free > 0) {
      // Lanes still inside their pace interval are not claimed: their rows stay pending for whoever comes next.
      const pacing = new Set(this.busy);
      for (const [lane, at] of this.lastSent) {
        const wait = at + this.interval(lane) - now;
        if (wait > 0) {
          pacing.add(lane);
          nextWake = Math.min(nextWake, wait);
        }
      }
      let claimed: OutboxRow[];
      try {
        claimed = await this.queue.claimDue(now, free, pacing, this.owner);
      } catch (err) {
        // The claim may have committed with its answer lost (the connection dropped): its rows are ours.
        this.claimsUnsure = true;
        throw err;
      }
      for (const row of claimed) this.launch(row);
    }
    if (this.inFlight.size === 0 && this.idleWaiters.length > 0 && (await this.isIdle())) {
      for (const w of this.idleWaiters.splice(0)) w();
    }
    return nextWake;
  }

  private get leaseMs(): number {
    return this.opts.leaseMs ?? LEASE_MS;
  }

  /** Renews our leases and takes over lapsed ones, a few times per lease. */
  private async tendLeases(now: number): Promise<void> {
    if (now - this.lastLeaseCheck < this.leaseMs / 6) return;
    if (this.launched.size > 0) await this.queue.renewLeases(this.owner, now, [...this.launched]);
    await this.recoverLapsed(now);
  }

  private async recoverLapsed(now: number): Promise<void> {
    this.lastLeaseCheck = now;
    const recovered = await this.queue.recoverInterrupted(now, this.leaseMs, (owner) => this.isGone(owner));
    if (recovered > 0) this.opts.log.warn({ recovered }, 'outbox: resuming writes interrupted by a stop');
  }

  /**
   * Whether the process named `owner` is known to be gone without waiting for
   * its lease: on this host, either our own pid with another nonce from before
   * a restart (a container's pid 1, say) while no worker of ours holds it, or a
   * pid that no longer runs.
   */
  private isGone(owner: string): boolean {
    const [host, pidText, nonce] = owner.split('/');
    if (host !== hostname() || !pidText || !nonce) return false;
    const pid = Number(pidText);
    if (pid === process.pid) return !liveNonces.has(nonce);
    try {
      process.kill(pid, 0);
      return false;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'ESRCH';
    }
  }

  /**
   * Records how a write ended, trying again for a few seconds if the database
   * refuses (a dropped connection, a failover): the write happened, and a row
   * left in 'sending' would be sent again, as uncertain, once its lease lapses.
   */
  private async record(write: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await write();
      } catch (err) {
        if (attempt >= 5) throw err;
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      }
    }
  }

  private interval(lane: string): number {
    return this.opts.laneInterval?.(lane) ?? 0;
  }

  private launch(row: OutboxRow): void {
    this.busy.add(row.lane);
    this.launched.add(row.id);
    this.lastSent.set(row.lane, this.opts.clock.now().getTime());
    const p = this.perform(row)
      // The database refused to record how the write ended (unreachable, say): the row keeps its lease,
      // and once the lease runs out it is taken up again, by this replica or another.
      .catch((err) =>
        this.opts.log.error({ err, outboxId: row.id, kind: row.kind }, 'outbox: could not record a write'),
      )
      .finally(() => {
        this.busy.delete(row.lane);
        this.launched.delete(row.id);
        this.inFlight.delete(p);
        this.schedule(0);
      });
    this.inFlight.add(p);
  }

  private async perform(row: OutboxRow): Promise<void> {
    const log = this.opts.log.child({ outboxId: row.id, kind: row.kind, lane: row.lane });
    const handler = this.handlers.get(row.kind);
    if (!handler) {
      await this.queue.markDead(row.id, this.opts.clock.now().getTime(), `no handler for ${row.kind}`);
      log.error('outbox: no handler for this kind of write');
      return;
    }
    const job: OutboxJob = {
      id: row.id,
      workspaceId: row.workspaceId,
      kind: row.kind,
      lane: row.lane,
      payload: row.payload,
      attempts: row.attempts,
      uncertain: row.uncertain,
    };
    try {
      const result = await handler(job);
      await this.record(() => this.queue.markDone(row.id, this.opts.clock.now().getTime(), result));
    } catch (err) {
      const c = classifyError(err);
      const now = this.opts.clock.now().getTime();
      if (!c.retry || job.attempts >= (this.opts.maxAttempts ?? 12)) {
        await this.record(() => this.queue.markDead(row.id, now, c.message));
        log.error({ error: c.message, attempts: job.attempts }, 'outbox: giving up on a write');
        return;
      }
      const backoff = Math.min(1000 * 2 ** (job.attempts - 1), 10 * 60_000);
      // Whole milliseconds: PostgreSQL keeps times in a bigint column and refuses a fraction.
      const delay = Math.round(Math.max(c.retryAfterMs ?? 0, backoff * (0.75 + Math.random() * 0.5)));
      const uncertain = job.uncertain || c.maybeDone;
      await this.record(() => this.queue.markRetry(row.id, now + delay, c.message, uncertain));
      // A rate limit slows the whole lane, not just this row.
      if (c.retryAfterMs) this.lastSent.set(row.lane, now + c.retryAfterMs - this.interval(row.lane));
      log.warn({ error: c.message, attempts: job.attempts, retryInMs: delay }, 'outbox: write failed, retrying');
    }
  }
}
