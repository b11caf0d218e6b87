import { DomainError } from '../../domain/errors';

/** The one place errors become words a Slack user reads (ephemeral). */
export function friendlySlackError(err: unknown): string {
  if (err instanceof DomainError) return `:warning: ${err.message}`;
  return ':warning: Something went wrong on our side and nothing was changed. Please try again in a moment; if it keeps happening, tell your dutyloop admin.';
}
