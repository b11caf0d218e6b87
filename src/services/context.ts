import type { WebClient } from '@slack/web-api';
import type { Db } from '../adapters/db/client';
import type { AppConfig } from '../app/config';
import type { Logger } from '../app/logger';
import type { Clock } from '../domain/clock';
import type { IssueTrackers } from './ports/issue-tracker';
import type { RunbookLibrary } from './ports/knowledge';

/**
 * What every use case gets: `verbNoun({ ctx, input })`. Services never read
 * process.env or the wall clock; they take it from here.
 */
export interface Ctx {
  db: Db;
  clock: Clock;
  log: Logger;
  config: AppConfig;
  /** The Slack team id this deployment serves. */
  workspaceId: string;
  /** Absent in demo mode. Writes go through the outbox; this is for reads (users.info…). */
  slack?: WebClient;
  trackers: IssueTrackers;
  /** The markdown runbooks of `knowledge.runbooks`; absent until they are loaded. */
  runbooks?: RunbookLibrary;
}
