import { WebClient } from '@slack/web-api';

/** The bot's Web API client, as the outbox wants it. */
export function createSlackClient(opts: { token: string; apiUrl: string; timeoutMs?: number }): WebClient {
  return new WebClient(opts.token, {
    slackApiUrl: opts.apiUrl,
    // The outbox retries; a rate-limited call comes back to it at once.
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    // A Slack that accepts and never answers fails the call (and the outbox retries) instead of holding its lane.
    timeout: opts.timeoutMs ?? 15_000,
  });
}
