import type { DbHandle } from '../client';
import { calendarTokenMatches } from '../workspace.repo';
import { distinctCustomersBetween } from './demand-customers';
import { weeklyTicketsByIssue } from './demand-weekly';
import { type Health, supportHealth } from './health';
import { customerLabels, memberNames } from './people';

/**
 * What the web pages and feeds read beyond the stores: the dashboard's read
 * models, already bound to the database, so no route holds a connection.
 * Promises, so that another engine can answer them too.
 */
export interface DashboardReads {
  /** Resolves when the database answers a trivial query; rejects when it is gone (for /healthz). */
  ping(): Promise<void>;
  /** Display names of workspace members by Slack user id (falls back to the id). */
  memberNames(workspaceId: string): Promise<(id: string) => string>;
  /** Company (or name) of customers by key. */
  customerLabels(workspaceId: string, keys: string[]): Promise<Map<string, string>>;
  /** Tickets per issue in each of the last 12 weeks ending at `now`, oldest first (for sparklines). */
  weeklyTicketsByIssue(workspaceId: string, issueIds: number[], now: number): Promise<Map<number, number[]>>;
  /** Distinct customers over all linked tickets created in [from, to). */
  distinctCustomersBetween(workspaceId: string, from: number, to: number): Promise<number>;
  /** Support health over [since, now): weekly medians, share within the first-response target, ratings, sources. */
  supportHealth(
    workspaceId: string,
    q: { since: number; now: number; zone: string; targetMin: number },
  ): Promise<Health>;
  /** True when `token` opens this workspace's calendar feed. */
  calendarTokenMatches(workspaceId: string, token: string): Promise<boolean>;
}

/** The dashboard's reads on a SQLite database. */
export function dashboardReads(handle: Pick<DbHandle, 'db' | 'sqlite'>): DashboardReads {
  const { db, sqlite } = handle;
  const read = <R>(f: () => R): Promise<R> => new Promise((resolve) => resolve(f()));
  return {
    ping: () =>
      read(() => {
        sqlite.prepare('select 1').get();
      }),
    memberNames: (workspaceId) => read(() => memberNames(sqlite, workspaceId)),
    customerLabels: (workspaceId, keys) => read(() => customerLabels(sqlite, workspaceId, keys)),
    weeklyTicketsByIssue: (workspaceId, issueIds, now) =>
      read(() => weeklyTicketsByIssue(sqlite, workspaceId, issueIds, now)),
    distinctCustomersBetween: (workspaceId, from, to) =>
      read(() => distinctCustomersBetween(sqlite, workspaceId, from, to)),
    supportHealth: (workspaceId, q) =>
      read(() => supportHealth(sqlite, workspaceId, q.since, q.now, q.zone, q.targetMin)),
    calendarTokenMatches: (workspaceId, token) => read(() => calendarTokenMatches(db, workspaceId, token)),
  };
}
