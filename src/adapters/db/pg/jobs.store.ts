import { and, desc, eq } from 'drizzle-orm';
import type { JobRun, JobRunsStore } from '../../../services/ports/rotation';
import type { PgDb } from './client';
import { jobRuns } from './schema';

/** The runs of scheduled jobs on PostgreSQL; the unique (workspace, job, run key) row makes each run happen once. */
export class PgJobRunsStore implements JobRunsStore {
  constructor(private readonly db: PgDb) {}

  async tryStart(workspaceId: string, job: string, runKey: string, now: number, late = false): Promise<number | null> {
    const [row] = await this.db
      .insert(jobRuns)
      .values({ workspaceId, job, runKey, status: 'running', late, startedAt: now })
      .onConflictDoNothing()
      .returning({ id: jobRuns.id });
    return row?.id ?? null;
  }

  async finish(id: number, now: number, error?: string): Promise<void> {
    await this.db
      .update(jobRuns)
      .set({ status: error ? 'failed' : 'done', finishedAt: now, error: error ?? null })
      .where(eq(jobRuns.id, id));
  }

  async last(workspaceId: string, job: string): Promise<JobRun | undefined> {
    const [row] = await this.db
      .select()
      .from(jobRuns)
      .where(and(eq(jobRuns.workspaceId, workspaceId), eq(jobRuns.job, job)))
      .orderBy(desc(jobRuns.startedAt))
      .limit(1);
    return row;
  }
}
