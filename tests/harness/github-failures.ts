import { docsUrl, rateLimitDocsUrl } from './github-shapes';

/** How a route should fail, as GitHub fails. */
export interface GitHubFailSpec {
  status: 403 | 429 | 500 | 502 | 503 | 404 | 422 | number;
  /** Seconds, sent as `retry-after` (GitHub's secondary rate limit). */
  retryAfter?: number;
  /** A primary rate limit: 403 with `x-ratelimit-remaining: 0` and a reset time. */
  rateLimitRemaining0?: boolean;
  times?: number;
  /** Override the body's message (and add headers), for odd cases. */
  message?: string;
  headers?: Record<string, string>;
}
export interface GitHubFailure {
  /** A route name (`issues.create`), a route key (`POST /repos/{owner}/{repo}/issues`) or `*`. */
  route: string;
  /** The older form: any request whose path matches. */
  path?: RegExp;
  spec: GitHubFailSpec;
  times: number;
}
export interface GitHubReply {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** The reply GitHub gives for this failure (bodies and headers as documented and recorded). */
export function failureReply(spec: GitHubFailSpec): GitHubReply {
  const headers: Record<string, string> = {};
  const reset = String(Math.floor(Date.now() / 1000) + (spec.retryAfter ?? 60));
  let message: string;
  let documentation_url = docsUrl;
  const extra: Record<string, unknown> = {};
  if (spec.rateLimitRemaining0) {
    Object.assign(headers, {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-used': '5000',
      'x-ratelimit-reset': reset,
      'x-ratelimit-resource': 'core',
    });
    message =
      'API rate limit exceeded for user ID 1000. If you reach out to GitHub Support for help, please include the request ID 0000:00000:0000000:0000000:00000000.';
    documentation_url = rateLimitDocsUrl;
  } else if (spec.status === 429 || (spec.status === 403 && spec.retryAfter !== undefined)) {
    headers['retry-after'] = String(spec.retryAfter ?? 60);
    message = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';
    documentation_url =
      'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits';
  } else if (spec.status === 403) {
    message = 'Resource not accessible by integration';
  } else if (spec.status === 404) {
    message = 'Not Found';
  } else if (spec.status === 422) {
    message = 'Validation Failed';
    extra.errors = [{ resource: 'Issue', code: 'invalid', field: 'title' }];
  } else if (spec.status === 503) {
    message = 'Service Unavailable';
  } else {
    message = 'Server Error';
  }
  if (spec.retryAfter !== undefined && !headers['retry-after'] && !spec.rateLimitRemaining0)
    headers['retry-after'] = String(spec.retryAfter);
  return {
    status: spec.status,
    body: { message: spec.message ?? message, ...extra, documentation_url },
    headers: { ...headers, ...spec.headers },
  };
}

export const notFound = (): GitHubReply => ({
  status: 404,
  body: { message: 'Not Found', documentation_url: docsUrl },
  headers: {},
});
export const validationFailed = (resource: string, code: string, field: string): GitHubReply => ({
  status: 422,
  body: { message: 'Validation Failed', errors: [{ resource, code, field }], documentation_url: docsUrl },
  headers: {},
});
