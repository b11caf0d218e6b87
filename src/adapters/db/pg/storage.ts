import type { Storage, StorageOptions } from '../engine';
import { connectPostgres, postgresSetupWarnings } from './connect';
import { pgDashboardReads } from './dashboard-reads';
import { PgAdvisoryLeadership } from './leadership';
import { PgOutboxQueue } from './outbox.queue';
import { pgPorts } from './repositories';
import { ensureWorkspacePg, firstWorkspaceIdPg, rotateCalendarTokenPg } from './workspace';

/** PostgreSQL as the storage engine: a pool, migrated, with every store, the outbox queue, leadership and reads. */
export async function openPostgresStorage(url: string, options: StorageOptions): Promise<Storage> {
  const handle = await connectPostgres(url, options.poolSize ?? 10);
  const ports = pgPorts(handle.db, options.observer);
  const leadership = new PgAdvisoryLeadership(url);
  const warnings = await postgresSetupWarnings(handle).catch(async (err: unknown) => {
    await handle.close().catch(() => undefined);
    throw err;
  });
  return {
    engine: 'postgres',
    warnings,
    repos: ports.repos,
    uow: ports.uow,
    queue: new PgOutboxQueue(handle.db),
    leadership,
    reads: pgDashboardReads(handle.db),
    workspaces: {
      ensure: (id, name) => ensureWorkspacePg(handle.db, id, name),
      first: () => firstWorkspaceIdPg(handle.db),
      rotateCalendarToken: (id) => rotateCalendarTokenPg(handle.db, id),
    },
    close: async () => {
      await leadership.close();
      await handle.close();
    },
  };
}
