import { DomainError } from '../../domain/errors';

/** Slack refusals a user can do something about, in their words. */
const slackRefusals: Record<string, string> = {
  expired_trigger_id: ':hourglass: Slack took too long to open the form, and nothing was changed. Please click again.',
  not_in_channel:
    ':warning: dutyloop is not a member of this channel. Invite it with `/invite @dutyloop` and try again.',
  channel_not_found: ':warning: dutyloop cannot see this channel. Invite it with `/invite @dutyloop` and try again.',
};

/** The one place errors become words a Slack user reads (ephemeral). */
export function friendlySlackError(err: unknown): string {
  if (err instanceof DomainError) return `:warning: ${err.message}`;
  const refusal = slackRefusals[(err as { data?: { error?: string } } | undefined)?.data?.error ?? ''];
  if (refusal) return refusal;
  return ':warning: Something went wrong on our side and nothing was changed. Please try again in a moment; if it keeps happening, tell your dutyloop admin.';
}
