import { describePostgres } from '../../../services/settings/database-url';
import { type PgHandle, migratePostgres, openPostgres } from './client';

/** PostgreSQL cannot be used at start: one line naming the server and why, never the password. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

const reasons: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is the server running, on that port?)',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be resolved',
  ETIMEDOUT: 'the connection timed out',
  ECONNRESET: 'the server closed the connection',
  '28P01': 'wrong user name or password',
  '28000': 'the server refused this user (pg_hba.conf)',
  '3D000': 'the database does not exist',
  '42501': 'the user may not create the tables dutyloop needs',
  DEPTH_ZERO_SELF_SIGNED_CERT: untrusted(),
  SELF_SIGNED_CERT_IN_CHAIN: untrusted(),
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: untrusted(),
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: untrusted(),
  ERR_TLS_CERT_ALTNAME_INVALID:
    "the server's certificate does not name this host (sslmode=verify-full checks it; verify-ca does not)",
};

function untrusted(): string {
  return (
    "the server's TLS certificate is not signed by a trusted authority: name its CA with sslrootcert=/path/ca.pem, " +
    'or use sslmode=require to encrypt without checking the certificate'
  );
}

/** Why a connection failed, in words an operator can act on; the URL and password never appear. */
export function connectionFailure(err: unknown): string {
  const code = (err as { code?: string } | undefined)?.code;
  if (code && reasons[code]) return reasons[code];
  const message = err instanceof Error ? err.message : String(err);
  if (/does not support SSL/i.test(message)) return 'the server does not accept TLS, and the URL asks for it (sslmode)';
  // Messages from the server name the user or database, never the password; anything else is kept short.
  return message.replace(/postgres(ql)?:\/\/\S+/gi, '[url]').slice(0, 200);
}

/**
 * Opens a pool, checks the server answers and migrates, or throws a
 * DatabaseUnavailableError naming the host and the reason. The pool is closed
 * on failure, so a refused start leaves nothing open.
 */
export async function connectPostgres(url: string, poolSize: number): Promise<PgHandle> {
  const handle = openPostgres(url, { poolSize });
  try {
    await handle.pool.query('SELECT 1');
  } catch (err) {
    await handle.close().catch(() => undefined);
    throw new DatabaseUnavailableError(`cannot use PostgreSQL at ${describePostgres(url)}: ${connectionFailure(err)}`);
  }
  try {
    await migratePostgres(handle);
  } catch (err) {
    await handle.close().catch(() => undefined);
    throw err;
  }
  return handle;
}

/**
 * What the server's set-up costs dutyloop, in lines an operator can act on
 * (logged at start; nothing is refused). A database that is not UTF-8
 * (SQL_ASCII, what initdb makes when no locale is set) keeps every word but
 * its text search sees only ASCII letters, so search and suggestions miss
 * é, ü, Cyrillic or CJK words.
 */
export async function postgresSetupWarnings(handle: PgHandle): Promise<string[]> {
  const { rows } = await handle.pool.query<{ encoding: string }>(
    'SELECT pg_encoding_to_char(encoding) AS encoding FROM pg_database WHERE datname = current_database()',
  );
  const encoding = rows[0]?.encoding;
  if (!encoding || encoding === 'UTF8') return [];
  return [
    `the database's encoding is ${encoding}, not UTF8: search and suggestions will miss words outside ASCII ` +
      "(é, ü, Cyrillic, CJK); create a database WITH ENCODING 'UTF8' and copy the data over",
  ];
}
