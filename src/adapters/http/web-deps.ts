import type { DashboardReads } from '../db/dashboard/reads';
import type { Metrics } from './metrics';

/** What every request can carry on hono's context. */
export type AppEnv = { Variables: { requestId: string } };

/**
 * What the HTTP side needs beside the use cases' ports (`ctx`): the dashboard's
 * reads, the key that signs links and sessions, the run mode, and the metrics.
 */
export interface WebDeps {
  /** Signing key for rating links, session CSRF tokens; derived from the deployment's secrets. */
  secret: string;
  /** The demo serves every page without sign-in. */
  mode: 'serve' | 'demo' | 'test';
  metrics: Metrics;
  reads: DashboardReads;
  /** Which storage engine answers (/healthz says it). */
  engine: 'sqlite' | 'postgres';
}
