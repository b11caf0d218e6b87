import type { WebClient } from '@slack/web-api';
import { DirectoryError, type SlackDirectory } from '../../services/ports/slack-directory';

/** Slack's error string (user_not_found…), or the error's message when Slack gave none. */
function codeOf(err: unknown): string {
  const data = (err as { data?: { error?: string } }).data;
  return data?.error ?? (err instanceof Error ? err.message : String(err));
}

/** The directory port on Slack's Web API. */
export function slackDirectory(slack: WebClient): SlackDirectory {
  return {
    async user(id) {
      try {
        const res = await slack.users.info({ user: id });
        return { id, deleted: !!res.user?.deleted };
      } catch (err) {
        throw new DirectoryError(codeOf(err), { cause: err });
      }
    },
    async userByEmail(email) {
      try {
        const res = await slack.users.lookupByEmail({ email });
        if (!res.user?.id) throw new DirectoryError('users_not_found');
        return { id: res.user.id };
      } catch (err) {
        throw err instanceof DirectoryError ? err : new DirectoryError(codeOf(err), { cause: err });
      }
    },
  };
}
