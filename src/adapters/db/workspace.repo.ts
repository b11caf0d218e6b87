import { eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Db } from './client';
import { workspaces } from './schema';

/** The workspace row every other table points at; created with a calendar secret on first start. */
export function ensureWorkspace(db: Db, id: string, name?: string) {
  db.insert(workspaces)
    .values({ id, name: name ?? null, calendarToken: randomBytes(18).toString('base64url') })
    .onConflictDoNothing()
    .run();
  return db.select().from(workspaces).where(eq(workspaces.id, id)).get()!;
}
