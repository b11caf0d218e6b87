import fs from 'node:fs';
import path from 'node:path';

/** The database was migrated by a newer dutyloop: this version must not guess what its tables mean. */
export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError';
}

/** The newest migration in a migrations folder (drizzle's journal): its tag and its timestamp. */
export function newestMigration(folder: string): { tag: string; when: number } {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  const last = journal.entries.at(-1);
  if (!last) throw new Error(`no migrations in ${folder}`);
  return last;
}

/**
 * Refuses a database whose newest applied migration (drizzle records its
 * timestamp) is later than any this version ships: drizzle would apply
 * nothing and start on tables it does not know. Run before migrating.
 */
export function refuseNewerSchema(folder: string, appliedWhen: number | null | undefined): void {
  if (appliedWhen === null || appliedWhen === undefined) return;
  const known = newestMigration(folder);
  if (appliedWhen <= known.when) return;
  throw new SchemaTooNewError(
    `the database was migrated by a newer dutyloop (schema of ${new Date(appliedWhen).toISOString()}; this version knows up to ${known.tag}): upgrade dutyloop, or restore the backup taken before the upgrade`,
  );
}
