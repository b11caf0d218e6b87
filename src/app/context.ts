import type { WebClient } from '@slack/web-api';
import type { Db } from '../adapters/db/client';
import { type StoreObserver, sqlitePorts } from '../adapters/db/repositories';
import type { EngineUnitOfWork, Storage } from '../adapters/db/engine';
import { slackNotify } from '../adapters/slack/notify';
import { slackDirectory } from '../adapters/slack/directory';
import type { Clock } from '../domain/clock';
import type { Ctx } from '../services/context';
import type { IssueTrackers } from '../services/ports/issue-tracker';
import type { RunbookLibrary } from '../services/ports/knowledge';
import type { Logger } from '../services/ports/logger';
import type { Settings } from '../services/settings';

/** The opened storage engine (start, CLI commands); or `db` alone, an open SQLite database (tests). */
type StorageOrDb = { storage: Pick<Storage, 'repos' | 'uow'>; db?: never } | { db: Db; storage?: never };

export type ContextParts = StorageOrDb & {
  clock: Clock;
  log: Logger;
  config: Settings;
  workspaceId: string;
  slack?: WebClient;
  trackers?: IssueTrackers;
  runbooks?: RunbookLibrary;
  /** Told of tickets created, once committed (for /metrics), when only `db` is given. */
  observer?: StoreObserver;
};

/** The ports of a use case, wired to the storage engine and Slack; `uow` is the outbox worker's hook for its commits. */
export function createContext(parts: ContextParts): { ctx: Ctx; uow: EngineUnitOfWork } {
  const { clock, workspaceId } = parts;
  const ports = parts.storage ?? sqlitePorts(parts.db, parts.observer);
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
  };
  return { ctx, uow: ports.uow };
}
