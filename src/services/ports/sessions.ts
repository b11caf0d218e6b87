/**
 * Dashboard sign-in sessions.
 */

export interface SessionRow {
  slackUserId: string;
  name: string;
  expiresAt: number;
  checkedAt: number;
}

export interface SessionsStore {
  create(
    workspaceId: string,
    id: string,
    s: { slackUserId: string; name: string; now: number; expiresAt: number },
  ): Promise<void>;
  /** The live session with this id, or undefined (unknown, revoked or expired). */
  find(workspaceId: string, id: string, now: number): Promise<SessionRow | undefined>;
  markChecked(workspaceId: string, slackUserId: string, now: number): Promise<void>;
  delete(id: string): Promise<void>;
  /** Every session of a user, e.g. once they left the workspace. */
  deleteForUser(workspaceId: string, slackUserId: string): Promise<void>;
}
