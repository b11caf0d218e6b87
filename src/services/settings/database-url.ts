/**
 * DATABASE_URL, checked before anything opens a file or a socket: `file:<path>`
 * (also `sqlite:<path>`, a plain path or `:memory:`) is the embedded SQLite.
 * Anything else is refused with a line that names the scheme or host but never
 * the password — before this check, `postgres://user:password@host/db` became
 * a SQLite file of that name in the working directory.
 */
export function databaseUrlProblem(raw: string): string | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(raw)?.[1]?.toLowerCase();
  if (!scheme || scheme === 'file' || scheme === 'sqlite' || raw === ':memory:') return undefined;
  // One-letter "schemes" are Windows drive letters (C:\data\dutyloop.db), a plain path.
  if (scheme.length === 1) return undefined;
  if (scheme === 'postgres' || scheme === 'postgresql') {
    const host = hostOf(raw);
    return host
      ? `PostgreSQL at ${host} is not supported by this version of dutyloop; use file:<path> (SQLite)`
      : 'is not a valid postgres:// URL (expected postgres://user@host:5432/dbname)';
  }
  return `${scheme}: is not a database dutyloop can use; use file:<path> (SQLite)`;
}

/** The URL with any password replaced, for log lines and CLI output. */
export function redactDatabaseUrl(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}

function hostOf(raw: string): string | undefined {
  try {
    const u = new URL(raw);
    return u.hostname ? `${u.hostname}${u.port ? `:${u.port}` : ''}` : undefined;
  } catch {
    return undefined;
  }
}
