import { WebClient, type WebAPICallResult } from '@slack/web-api';
import { type CallObserver, observed } from '../outbound-calls';

/** Slack's client, telling an observer how each Web API call ended (every method goes through apiCall). */
class ObservedWebClient extends WebClient {
  constructor(
    token: string,
    options: ConstructorParameters<typeof WebClient>[1],
    private readonly observe: CallObserver | undefined,
  ) {
    super(token, options);
  }

  override apiCall(method: string, options?: Record<string, unknown>): Promise<WebAPICallResult> {
    return observed(this.observe, 'slack', method, () => super.apiCall(method, options));
  }
}

/** The bot's Web API client, as the outbox wants it. */
export function createSlackClient(opts: {
  token: string;
  apiUrl: string;
  timeoutMs?: number;
  onCall?: CallObserver;
}): WebClient {
  return new ObservedWebClient(
    opts.token,
    {
      slackApiUrl: opts.apiUrl,
      // The outbox retries; a rate-limited call comes back to it at once.
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
      // A Slack that accepts and never answers fails the call (and the outbox retries) instead of holding its lane.
      timeout: opts.timeoutMs ?? 15_000,
    },
    opts.onCall,
  );
}
