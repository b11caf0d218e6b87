import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../../services/ports/logger';
import { type Leadership, soleLeader } from './leadership';

export interface ScheduledJob {
  name: string;
  /** A cron expression (node-cron syntax, seconds optional). */
  cron: string;
  timezone?: string;
  /** Also run once at start (to catch up on what was missed while down). */
  runOnStart?: boolean;
  run(): Promise<void>;
}

/** How often the scheduler asks whether it leads, between the jobs' own asks. */
const leadershipHeartbeatMs = 10_000;

/**
 * Runs jobs on cron schedules. Each job guards itself against double runs
 * (JobRunsRepo), so two processes on one database never do the work twice.
 */
export class Scheduler {
  private readonly jobs: ScheduledJob[] = [];
  private readonly tasks: ScheduledTask[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly catchingUp = new Set<Promise<void>>();
  private stopped = false;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly log: Logger,
    /** Told how each run ended (for /metrics). */
    private readonly onRun: (job: string, result: 'ok' | 'failed') => void = () => undefined,
    /** Which replica runs the schedule; told to `onLeading` whenever it is asked. */
    private readonly leadership: Leadership = soleLeader,
    private readonly onLeading: (leading: boolean) => void = () => undefined,
  ) {}

  add(job: ScheduledJob): this {
    if (!cron.validate(job.cron)) throw new Error(`job ${job.name}: invalid cron expression "${job.cron}"`);
    this.jobs.push(job);
    return this;
  }

  list(): readonly ScheduledJob[] {
    return this.jobs;
  }

  start(): void {
    // Asked now and then, not only when a job is due: /metrics says which replica leads from the start,
    // and a replica that lost the lead (its connection gone) says so before the next job would.
    void this.askLeadership();
    this.heartbeat = setInterval(() => void this.askLeadership(), leadershipHeartbeatMs);
    this.heartbeat.unref();
    for (const job of this.jobs) {
      this.tasks.push(
        cron.schedule(job.cron, () => void this.runScheduled(job.name), {
          timezone: job.timezone,
          name: job.name,
          noOverlap: true,
        }),
      );
      if (job.runOnStart) this.catchUp(job.name);
    }
  }

  /** The start-up run of a job: what was missed while the process was down. */
  private catchUp(name: string): void {
    const run = this.runScheduled(name).finally(() => this.catchingUp.delete(run));
    this.catchingUp.add(run);
  }

  /** Resolves once the start-up runs, and every run under way now, are done (tests wait on it). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.catchingUp, ...this.running]);
  }

  private async askLeadership(): Promise<boolean> {
    const leading = await this.leadership.isLeader().catch(() => false);
    this.onLeading(leading);
    return leading;
  }

  /** A run the schedule asks for: done only by the replica that leads. */
  private async runScheduled(name: string): Promise<void> {
    if (await this.askLeadership()) await this.runNow(name);
  }

  /** Runs a job by name now (start-up catch-up, tests, the CLI). */
  async runNow(name: string): Promise<void> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`no job named ${name}`);
    if (this.stopped) return;
    const p = job.run().then(
      () => this.onRun(name, 'ok'),
      (err: unknown) => {
        this.onRun(name, 'failed');
        this.log.error({ err, job: name }, 'job failed');
      },
    );
    this.running.add(p);
    await p.finally(() => this.running.delete(p));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.heartbeat);
    for (const t of this.tasks) await t.stop();
    await Promise.allSettled([...this.running]);
    await this.leadership.close();
  }
}
