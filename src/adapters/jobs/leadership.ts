/**
 * Which process runs the scheduled jobs. Asked before every scheduled run; a
 * process that is not the leader skips the run (the leader does it). Each run
 * is also claimed in job_runs, so even two leaders for a moment do a boundary once.
 */
export interface Leadership {
  isLeader(): Promise<boolean>;
  close(): Promise<void>;
}

/** One process on one SQLite file: it always leads. */
export const soleLeader: Leadership = {
  isLeader: async () => true,
  close: async () => undefined,
};
