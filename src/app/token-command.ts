import { openDb } from '../adapters/db/client';
import { ensureWorkspace } from '../adapters/db/workspace.repo';
import { systemClock } from '../domain/clock';
import { createApiToken } from '../services/tickets/create-api-token';
import { loadConfig } from './config';

/** `dutyloop token create --name N`: prints a new API token once. */
export async function runTokenCommand(args: string[]): Promise<number> {
  const nameAt = args.indexOf('--name');
  const name = nameAt >= 0 ? args[nameAt + 1] : undefined;
  if (args[0] !== 'create' || !name) {
    console.error('usage: dutyloop token create --name <name>');
    return 2;
  }
  const config = loadConfig(process.env);
  const handle = openDb(config.env.databaseUrl);
  try {
    // The same workspace id the server uses: the config's, else the one recorded at first start.
    const known = handle.sqlite.prepare('SELECT id FROM workspaces ORDER BY rowid LIMIT 1').get() as { id: string } | undefined;
    const workspaceId = config.file.workspace?.id ?? known?.id;
    if (!workspaceId) {
      console.error('No workspace yet: set workspace.id in the config file, or start dutyloop once first.');
      return 1;
    }
    ensureWorkspace(handle.db, workspaceId, config.file.workspace?.name);
    const { token } = createApiToken({ ctx: { db: handle.db, clock: systemClock, workspaceId }, input: { name } });
    console.log(token);
    console.error(`API token "${name}" created. It is shown only this once; store it in your helpdesk now.`);
    return 0;
  } finally {
    handle.close();
  }
}
