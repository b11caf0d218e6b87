import { openDb, sqlitePathFromUrl } from '../adapters/db/client';
import { copySqliteToPostgres } from '../adapters/db/pg/copy-from-sqlite';
import { migratePostgres, openPostgres } from '../adapters/db/pg/client';
import { redactDatabaseUrl } from '../services/settings/database-url';
import fs from 'node:fs';

/**
 * `dutyloop migrate --from file:./data/dutyloop.db --to postgres://…`: moves a
 * SQLite deployment to PostgreSQL — migrations applied there, every row copied
 * in one transaction, sequences advanced, and each table's count printed on
 * both sides. Exits non-zero when any count differs.
 */
export async function runCopyCommand(args: string[]): Promise<number> {
  const from = flagValue(args, '--from');
  const to = flagValue(args, '--to');
  if (!from || !to || !/^postgres(ql)?:\/\//.test(to)) {
    console.error('usage: dutyloop migrate --from file:<sqlite path> --to postgres://user@host/db');
    return 2;
  }
  const file = sqlitePathFromUrl(from);
  if (file === ':memory:' || !fs.existsSync(file)) {
    console.error(`no SQLite database at ${from}`);
    return 2;
  }
  const source = openDb(from);
  const target = openPostgres(to, { poolSize: 2 });
  try {
    await migratePostgres(target);
    console.log(`copying ${from} to ${redactDatabaseUrl(to)}`);
    const report = await copySqliteToPostgres(source.sqlite, target.pool);
    const width = Math.max(...report.map((r) => r.table.length));
    let differ = 0;
    for (const r of report) {
      const same = r.source === r.target;
      if (!same) differ++;
      console.log(
        `${r.table.padEnd(width)}  ${String(r.source).padStart(9)}  ${String(r.target).padStart(9)}  ${same ? 'same' : 'DIFFERENT'}`,
      );
    }
    console.log(differ === 0 ? 'every count is the same on both sides' : `${differ} tables differ`);
    return differ === 0 ? 0 : 1;
  } catch (err) {
    // The driver's message names the host and the reason, never the password.
    console.error(`copy failed: ${(err as Error).message}`);
    return 1;
  } finally {
    source.close();
    await target.close();
  }
}

function flagValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`${flag}=`))?.slice(flag.length + 1);
}
