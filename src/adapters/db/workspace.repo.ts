import type Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import { constantTimeEqual } from '../signed-values';
import type { Db } from './client';
import { workspaces } from './schema';

/** Only the calendar token's SHA-256 is stored: a copy of the database does not open the feed. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const isHash = (value: string) => /^[0-9a-f]{64}$/.test(value);

/**
 * The workspace row every other table points at, created on first start with
 * a calendar secret nobody knows until `dutyloop calendar rotate` prints one.
 * A token stored in clear by an older version is replaced by its hash, so feed
 * URLs already handed out keep working.
 */
export function ensureWorkspace(db: Db, id: string, name?: string) {
  db.insert(workspaces)
    .values({ id, name: name ?? null, calendarToken: hashToken(randomBytes(24).toString('base64url')) })
    .onConflictDoNothing()
    .run();
  const row = db.select().from(workspaces).where(eq(workspaces.id, id)).get()!;
  if (isHash(row.calendarToken)) return row;
  const calendarToken = hashToken(row.calendarToken);
  db.update(workspaces).set({ calendarToken }).where(eq(workspaces.id, id)).run();
  return { ...row, calendarToken };
}

/** A new calendar token, returned once; the previous feed URL stops working at once. */
export function rotateCalendarToken(db: Db, id: string): string {
  const token = randomBytes(24).toString('base64url');
  const changed = db
    .update(workspaces)
    .set({ calendarToken: hashToken(token) })
    .where(eq(workspaces.id, id))
    .run().changes;
  if (changed !== 1) throw new Error(`workspace ${id} does not exist: start dutyloop once first`);
  return token;
}

/** Compares hashes in constant time, so response times say nothing about the stored token. */
export function calendarTokenMatches(db: Db, id: string, token: string): boolean {
  const row = db.select({ stored: workspaces.calendarToken }).from(workspaces).where(eq(workspaces.id, id)).get();
  return tokenMatchesStored(token, row?.stored);
}

/** `token` against the stored hash, in constant time; false when either is missing or the stored value is no hash. */
export function tokenMatchesStored(token: string, stored: string | undefined): boolean {
  if (!stored || !token || !isHash(stored)) return false;
  return constantTimeEqual(hashToken(token), stored);
}

/** The workspace recorded at first start, for CLI commands run beside a server whose config names none. */
export function firstWorkspaceId(sqlite: Database.Database): string | undefined {
  const known = sqlite.prepare('SELECT id FROM workspaces ORDER BY rowid LIMIT 1').get() as { id: string } | undefined;
  return known?.id;
}
