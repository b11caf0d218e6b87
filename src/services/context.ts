import type { Clock } from '../domain/clock';
import type { IssueTrackers } from './ports/issue-tracker';
import type { RunbookLibrary } from './ports/knowledge';
import type { Logger } from './ports/logger';
import type { Notify } from './ports/notify';
import type { Repositories } from './ports/repositories';
import type { SlackDirectory } from './ports/slack-directory';
import type { UnitOfWork } from './ports/unit-of-work';
import type { Settings } from './settings';

/**
 * What every use case gets: `verbNoun({ ctx, input })`. Ports only: services
 * never read process.env, the wall clock, the database or Slack but through here.
 */
export interface Ctx {
  repos: Repositories;
  /** `inTransaction(ctx, fn)` (services/transaction.ts) runs through it. */
  uow: UnitOfWork<Ctx>;
  /** Queues messages as intents; adapters/slack renders and sends them after the commit. */
  notify: Notify;
  clock: Clock;
  log: Logger;
  config: Settings;
  /** The Slack team id this deployment serves. */
  workspaceId: string;
  /** Who is who in Slack (users.info, lookupByEmail). Absent in demo mode. */
  directory?: SlackDirectory;
  trackers: IssueTrackers;
  /** The markdown runbooks of `knowledge.runbooks`; absent until they are loaded. */
  runbooks?: RunbookLibrary;
}
