import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

// Anything that may carry a credential is censored wherever it appears in a log object.
const redact = [
  'token',
  '*.token',
  'botToken',
  '*.botToken',
  'signingSecret',
  '*.signingSecret',
  'appToken',
  '*.appToken',
  'apiKey',
  '*.apiKey',
  'secret',
  '*.secret',
  'webhookSecret',
  '*.webhookSecret',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'cookie',
  '*.cookie',
];

/** The keys the codebase logs errors under; each goes through serializeError (error-like values under any other key do too). */
const errorKeys = ['err', 'error', 'e'] as const;

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null;
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * Whether a value is an error, or something shaped like a client's error. The
 * clients' errors carry their request (config, headers with the bearer token),
 * so they must never be written out as they are.
 */
export function isErrorLike(v: unknown): boolean {
  if (v instanceof Error) return true;
  return (
    isObject(v) && typeof v.message === 'string' && ('stack' in v || 'config' in v || 'request' in v || 'response' in v)
  );
}

/** A header value from a fetch Headers or a plain object, whatever its case. */
function headerOf(headers: unknown, name: string): string | undefined {
  if (!isObject(headers)) return undefined;
  if (typeof headers.get === 'function') return text((headers.get as (n: string) => unknown).call(headers, name));
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key ? text(String(headers[key])) : undefined;
}

/**
 * What a log keeps of an error: name, message, code, the vendor's own error
 * (Slack's `data.error`, GitHub's status and message, Linear's error type and
 * GraphQL messages), how long to wait before retrying, the stack and the
 * causes. Everything else (request configs, headers, bodies, sockets) is
 * dropped: a network error from any client carries the Authorization header.
 */
export function serializeError(value: unknown, depth = 0): unknown {
  if (!isObject(value)) return typeof value === 'string' ? value : String(value);
  const out: Loose = {};
  const ctorName = value instanceof Error ? value.constructor?.name : undefined;
  if (ctorName && ctorName !== 'Object') out.type = ctorName;
  out.name = text(value.name);
  // The GraphQL client (Linear) appends the whole request and response as JSON to its message.
  const fullMessage = text(value.message);
  out.message = fullMessage?.replace(/: \{"response":[\s\S]*$/, '');
  out.code = text(value.code) ?? num(value.code);
  const response = isObject(value.response) ? value.response : undefined;
  out.status = num(value.status) ?? num(value.statusCode) ?? num(response?.status);
  const data = isObject(value.data) ? value.data : undefined;
  out.error = text(data?.error);
  const body = isObject(response?.data) ? response.data : undefined;
  out.vendorMessage = text(body?.message) ?? text(body?.error);
  out.errorType = text(value.type);
  out.retryAfter = num(value.retryAfter) ?? headerOf(response?.headers, 'retry-after');
  out.retryAfterMs = num(value.retryAfterMs);
  const errors = Array.isArray(value.errors)
    ? value.errors
    : Array.isArray(response?.errors)
      ? response.errors
      : undefined;
  if (errors && depth < 3) out.errors = errors.slice(0, 5).map(describeVendorError);
  const stack = text(value.stack);
  out.stack =
    stack && fullMessage && out.message !== fullMessage ? stack.replace(fullMessage, String(out.message)) : stack;
  if (depth < 3) {
    if (value.original !== undefined) out.original = serializeError(value.original, depth + 1);
    if (value.cause !== undefined) out.cause = serializeError(value.cause, depth + 1);
  }
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

/** One entry of a vendor's error list (GraphQL errors, GitHub validation errors, AggregateError). */
function describeVendorError(e: unknown): unknown {
  if (!isObject(e)) return String(e);
  const ext = isObject(e.extensions) ? e.extensions : {};
  const out: Loose = {
    message: text(e.message),
    errorType: text(e.type) ?? text(ext.type),
    code: text(e.code) ?? text(ext.code),
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

/** Error-like values under any other key (`{ e }`, `{ failure }`) and after the message. */
function guardArgs(args: unknown[]): unknown[] {
  const [first, ...rest] = args;
  const safeRest = rest.map((a) => (isErrorLike(a) ? serializeError(a) : a));
  if (!isObject(first) || first instanceof Error) return [first, ...safeRest];
  if (isErrorLike(first)) return [{ err: serializeError(first) }, ...safeRest];
  let copy: Loose | undefined;
  for (const [k, v] of Object.entries(first)) {
    if ((errorKeys as readonly string[]).includes(k) || !isErrorLike(v)) continue;
    copy ??= { ...first };
    copy[k] = serializeError(v);
  }
  return [copy ?? first, ...safeRest];
}

const serializers = Object.fromEntries(errorKeys.map((k) => [k, (v: unknown) => serializeError(v)]));

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: redact, censor: '[redacted]' },
      base: { app: 'dutyloop' },
      serializers,
      hooks: {
        logMethod(args, method) {
          return method.apply(this, guardArgs(args) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

const secretKey = /authorization|cookie|token|secret|password|headers|^config$/i;

/**
 * One line for loggers that take free arguments (Bolt's): errors keep what
 * serializeError keeps, and objects lose any key that may hold a credential.
 */
export function formatLogArgs(args: unknown[]): string {
  return args
    .map((m) => {
      if (typeof m === 'string') return m;
      if (isErrorLike(m)) return JSON.stringify(serializeError(m));
      try {
        return JSON.stringify(m, (k, v: unknown) =>
          k && secretKey.test(k) ? '[redacted]' : isErrorLike(v) ? serializeError(v) : v,
        );
      } catch {
        return String(m);
      }
    })
    .join(' ');
}

export const silentLogger: Logger = pino({ level: 'silent' });
