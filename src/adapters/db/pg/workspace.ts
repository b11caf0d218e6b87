import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { hashToken, isHash, tokenMatchesStored } from '../workspace.repo';
import type { PgDb } from './client';
import { workspaces } from './schema';

/** The workspace row on PostgreSQL, as `ensureWorkspace` keeps it on SQLite (calendar token stored hashed). */
export async function ensureWorkspacePg(db: PgDb, id: string, name?: string): Promise<void> {
  await db
    .insert(workspaces)
    .values({ id, name: name ?? null, calendarToken: hashToken(randomBytes(24).toString('base64url')) })
    .onConflictDoNothing();
  const [row] = await db.select().from(workspaces).where(eq(workspaces.id, id));
  if (row && !isHash(row.calendarToken))
    await db
      .update(workspaces)
      .set({ calendarToken: hashToken(row.calendarToken) })
      .where(eq(workspaces.id, id));
}

/** True when `token` opens the workspace's calendar feed (constant-time comparison of hashes). */
export async function calendarTokenMatchesPg(db: PgDb, id: string, token: string): Promise<boolean> {
  const [row] = await db.select({ stored: workspaces.calendarToken }).from(workspaces).where(eq(workspaces.id, id));
  return tokenMatchesStored(token, row?.stored);
}

/** A new calendar token, returned once; the previous feed URL stops working at once. */
export async function rotateCalendarTokenPg(db: PgDb, id: string): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  const changed = await db
    .update(workspaces)
    .set({ calendarToken: hashToken(token) })
    .where(eq(workspaces.id, id))
    .returning({ id: workspaces.id });
  if (changed.length !== 1) throw new Error(`workspace ${id} does not exist: start dutyloop once first`);
  return token;
}

/** The workspace recorded at first start. */
export async function firstWorkspaceIdPg(db: PgDb): Promise<string | undefined> {
  const [row] = await db.select({ id: workspaces.id }).from(workspaces).limit(1);
  return row?.id;
}
