/** A write that failed for a reason that passes: try again, not before `retryAfterMs`. */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

/** A write that will never succeed as it is (channel gone, bad request): stop trying. */
export class PermanentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentError';
  }
}

const transientSlackErrors = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
]);

export interface Classified {
  retry: boolean;
  retryAfterMs?: number;
  message: string;
  /**
   * The write may have taken effect: the vendor's answer was lost (a network
   * error, a timeout, a 5xx), or something failed after the call (recording
   * its result). The next attempt looks before it writes again.
   */
  maybeDone: boolean;
}

/**
 * Decides whether a failed write is worth retrying, from the error shapes the
 * real clients throw (Slack WebClient, Octokit, LinearClient).
 */
export function classifyError(err: unknown): Classified {
  if (err instanceof RetryLaterError)
    return { retry: true, retryAfterMs: err.retryAfterMs, message: err.message, maybeDone: false };
  if (err instanceof PermanentError) return { retry: false, message: err.message, maybeDone: false };
  const e = err as {
    code?: string;
    retryAfter?: number;
    data?: { error?: string };
    status?: number;
    statusCode?: number;
    message?: string;
    response?: { headers?: Record<string, string | undefined> };
    type?: string;
  };
  const message = String(e?.message ?? err);
  switch (e?.code) {
    case 'slack_webapi_rate_limited_error':
      return { retry: true, retryAfterMs: (e.retryAfter ?? 1) * 1000, message, maybeDone: false };
    case 'slack_webapi_platform_error':
      return {
        retry: transientSlackErrors.has(e.data?.error ?? ''),
        message: `slack: ${e.data?.error ?? message}`,
        maybeDone: false,
      };
    case 'slack_webapi_http_error': {
      // Slack answers nearly everything with 200; a 4xx is a request that will never pass.
      const refused = e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500;
      return { retry: !refused, message, maybeDone: !refused };
    }
    case 'slack_webapi_request_error':
      return { retry: true, message, maybeDone: true };
  }
  // A bug in our own code (a handler throwing TypeError…) fails the same way every time.
  if (
    err instanceof TypeError ||
    err instanceof RangeError ||
    err instanceof SyntaxError ||
    err instanceof ReferenceError
  ) {
    if (!/fetch failed|network|socket|ECONN|ETIMEDOUT|EAI_AGAIN/i.test(message))
      return { retry: false, message, maybeDone: false };
  }
  if (typeof e?.status === 'number') {
    const headers = e.response?.headers ?? {};
    const retryAfter = Number(headers['retry-after']);
    if (
      e.status === 429 ||
      (e.status === 403 && (headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(message)))
    ) {
      const reset = Number(headers['x-ratelimit-reset']);
      const untilReset = Number.isFinite(reset) && reset > 0 ? reset * 1000 - Date.now() : undefined;
      return {
        retry: true,
        retryAfterMs:
          Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : Math.max(untilReset ?? 60_000, 1000),
        message,
        maybeDone: false,
      };
    }
    return { retry: e.status >= 500, message, maybeDone: e.status >= 500 };
  }
  if (/RATELIMITED|rate.?limit/i.test(message) || e?.type === 'Ratelimited')
    return { retry: true, retryAfterMs: 60_000, message, maybeDone: false };
  // A connection refused never reached the vendor; a reset, a timeout or anything else (our database failing
  // after the call, say) may have come after the write.
  return { retry: true, message, maybeDone: !/ECONNREFUSED/.test(message) };
}
