/**
 * A Slack lookup refused (user_not_found, users_not_found…): `code` is Slack's
 * error string; `cause` the client's own error, for the log.
 */
export class DirectoryError extends Error {
  constructor(
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(code, options);
    this.name = 'DirectoryError';
  }
}

/** Who is who in the workspace. Reads only; writes go through `notify`. */
export interface SlackDirectory {
  /** Throws DirectoryError when Slack does not know the id. */
  user(id: string): Promise<{ id: string; deleted: boolean }>;
  /** Throws DirectoryError when no user has the address. */
  userByEmail(email: string): Promise<{ id: string }>;
}
