import { openDb } from '../src/adapters/db/client';
import { migratePostgres, openPostgres } from '../src/adapters/db/pg/client';
import { copySqliteToPostgres } from '../src/adapters/db/pg/copy-from-sqlite';
import { teamId } from '../tests/support/app';
import { type DatasetSummary, generateDataset, millionTickets } from './dataset';

/**
 * Generates the benchmark's organisation (`tickets` of them, links and issues
 * in the million's proportions) and copies it into the PostgreSQL at `url`
 * with the copy `dutyloop migrate --from … --to …` runs. Run in a process of
 * its own, as an operator runs the copy before the server starts: the
 * server's process never holds the million rows' garbage.
 */
export async function loadPostgresDataset(url: string, tickets: number, now: number): Promise<DatasetSummary['teams']> {
  const source = openDb(':memory:');
  const { teams } = generateDataset(source.sqlite, {
    ...millionTickets,
    tickets,
    links: Math.round((tickets * millionTickets.links) / millionTickets.tickets),
    now,
    workspaceId: teamId,
  });
  const target = openPostgres(url, { poolSize: 4 });
  await migratePostgres(target);
  await copySqliteToPostgres(source.sqlite, target.pool);
  // The load's write-ahead log is flushed now rather than by a checkpoint in the middle of the measures.
  await target.pool.query('CHECKPOINT');
  await target.close();
  source.close();
  return teams;
}

/** The marker of the line that carries the teams back to the bench. */
export const teamsMark = '@@dataset-teams ';

if (process.argv[1]?.endsWith('bench/postgres-dataset.ts')) {
  const [url, tickets, now] = process.argv.slice(2);
  const teams = await loadPostgresDataset(url!, Number(tickets), Number(now));
  process.stdout.write(`\n${teamsMark}${JSON.stringify(teams)}\n`);
  process.exit(0);
}
