/** How a call to Slack, GitHub or Linear ended, as /metrics counts it. */
export type CallOutcome = 'ok' | '429' | '5xx' | 'network' | 'permanent';

/** Told of every outbound call once it has ended: which service, which method, how. */
export type CallObserver = (service: 'slack' | 'github' | 'linear', method: string, outcome: CallOutcome) => void;

const networkPattern =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|ENOTFOUND|fetch failed|socket hang up|aborted|timeout/i;

/** The outcome of a failed call, from the error shapes of the three vendors' clients. */
export function outcomeOf(err: unknown): CallOutcome {
  const e = err as {
    code?: string;
    status?: number;
    statusCode?: number;
    message?: string;
    type?: string;
    response?: { headers?: Record<string, string | undefined> };
  };
  const message = String(e?.message ?? err);
  switch (e?.code) {
    case 'slack_webapi_rate_limited_error':
      return '429';
    case 'slack_webapi_platform_error':
      return 'permanent';
    case 'slack_webapi_request_error':
      return 'network';
    case 'slack_webapi_http_error':
      return (e.statusCode ?? 0) >= 500 ? '5xx' : (e.statusCode ?? 0) === 429 ? '429' : 'permanent';
  }
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number') {
    if (status === 429) return '429';
    if (status === 403 && (e.response?.headers?.['x-ratelimit-remaining'] === '0' || /rate limit/i.test(message)))
      return '429';
    return status >= 500 ? '5xx' : 'permanent';
  }
  if (e?.type === 'Ratelimited' || /RATELIMITED/.test(message)) return '429';
  if (networkPattern.test(message) || networkPattern.test(e?.code ?? '')) return 'network';
  return 'permanent';
}

/** Runs `call`, telling `observe` how it ended; the result or error passes through unchanged. */
export async function observed<T>(
  observe: CallObserver | undefined,
  service: 'slack' | 'github' | 'linear',
  method: string,
  call: () => Promise<T>,
): Promise<T> {
  if (!observe) return call();
  try {
    const result = await call();
    observe(service, method, 'ok');
    return result;
  } catch (err) {
    observe(service, method, outcomeOf(err));
    throw err;
  }
}
