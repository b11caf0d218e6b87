/** Which storage engine a DATABASE_URL names (after `databaseUrlProblem` found nothing wrong with it). */
export function databaseEngine(raw: string): 'sqlite' | 'postgres' {
  return /^postgres(ql)?:/i.test(raw) ? 'postgres' : 'sqlite';
}

/**
 * DATABASE_URL, checked before anything opens a file or a socket: `file:<path>`
 * (also `sqlite:<path>`, a plain path or `:memory:`) is the embedded SQLite;
 * `postgres://` or `postgresql://` with a host is PostgreSQL. Anything else is
 * refused with a line that names the scheme or host but never the password —
 * `postgres://user:password@host/db` must never become a file of that name.
 */
export function databaseUrlProblem(raw: string): string | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(raw)?.[1]?.toLowerCase();
  if (!scheme || scheme === 'file' || scheme === 'sqlite' || raw === ':memory:') return undefined;
  // One-letter "schemes" are Windows drive letters (C:\data\dutyloop.db), a plain path.
  if (scheme.length === 1) return undefined;
  if (scheme === 'postgres' || scheme === 'postgresql')
    return hostOf(raw) ? undefined : 'is not a valid postgres:// URL (expected postgres://user@host:5432/dbname)';
  return `${scheme}: is not a database dutyloop can use; use file:<path> (SQLite) or postgres://user@host/db`;
}

/** Where a PostgreSQL URL points, for error lines: host, port and database, never the user's password. */
export function describePostgres(raw: string): string {
  try {
    const u = new URL(raw);
    const db = u.pathname.replace(/^\//, '');
    return `${hostOf(raw) ?? 'localhost'}${db ? `/${decodeURIComponent(db)}` : ''}`;
  } catch {
    return 'the configured server';
  }
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
