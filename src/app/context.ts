import type { WebClient } from '@slack/web-api';
import type { Db } from '../adapters/db/client';
import { type StoreObserver, sqlitePorts } from '../adapters/db/repositories';
import type { SqliteUnitOfWork } from '../adapters/db/unit-of-work';
import { slackNotify } from '../adapters/slack/notify';
import { slackDirectory } from '../adapters/slack/directory';
import type { Clock } from '../domain/clock';
import type { Ctx } from '../services/context';
import type { IssueTrackers } from '../services/ports/issue-tracker';
import type { RunbookLibrary } from '../services/ports/knowledge';
import type { Logger } from '../services/ports/logger';
import type { Settings } from '../services/settings';

export interface ContextParts {
  db: Db;
  clock: Clock;
  log: Logger;
  config: Settings;
  workspaceId: string;
  slack?: WebClient;
  trackers?: IssueTrackers;
  runbooks?: RunbookLibrary;
  /** Told of tickets created, once committed (for /metrics). */
  observer?: StoreObserver;
}

/** The ports of a use case, wired to SQLite and Slack; `uow` is the outbox worker's hook for its commits. */
export function createContext(parts: ContextParts): { ctx: Ctx; uow: SqliteUnitOfWork } {
  const { db, clock, workspaceId } = parts;
  const ports = sqlitePorts(db, parts.observer);
  ports.uow.bindNotify((repos) => slackNotify({ outbox: repos.outbox, clock, workspaceId }));
  const ctx: Ctx = {
    repos: ports.repos,
    uow: ports.uow,
    notify: slackNotify({ outbox: ports.repos.outbox, clock, workspaceId }),
    clock,
    log: parts.log,
    config: parts.config,
    workspaceId,
    directory: parts.slack ? slackDirectory(parts.slack) : undefined,
    trackers: parts.trackers ?? {},
    runbooks: parts.runbooks,
    db,
    slack: parts.slack,
  };
  return { ctx, uow: ports.uow };
}
