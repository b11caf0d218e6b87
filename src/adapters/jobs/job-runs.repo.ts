import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { jobRuns } from '../db/schema';

export class JobRunsRepo {
  constructor(private readonly db: Db) {}

  /**
   * Claims one run of a job. The unique (workspace, job, runKey) row is the
   * lock: a second process or a restart gets `null` and does nothing.
   */
  tryStart(workspaceId: string, job: string, runKey: string, now: number, late = false): number | null {
    const row = this.db
      .insert(jobRuns)
      .values({ workspaceId, job, runKey, status: 'running', late, startedAt: now })
      .onConflictDoNothing()
      .returning({ id: jobRuns.id })
      .get();
    return row?.id ?? null;
  }

  finish(id: number, now: number, error?: string): void {
    this.db
      .update(jobRuns)
      .set({ status: error ? 'failed' : 'done', finishedAt: now, error: error ?? null })
      .where(eq(jobRuns.id, id))
      .run();
  }

  last(workspaceId: string, job: string) {
    return this.db
      .select()
      .from(jobRuns)
      .where(and(eq(jobRuns.workspaceId, workspaceId), eq(jobRuns.job, job)))
      .orderBy(desc(jobRuns.startedAt))
      .limit(1)
      .get();
  }
}
