import { z } from 'zod';
import { ValidationError } from '../../../domain/errors';

/** The sources Slack intake stamps on its tickets: an API client using one could claim a Slack message's dedupe key. */
export const slackSources = ['intake', 'reaction', 'shortcut', 'command', 'slack'] as const;

const str = (max: number) => z.string().trim().min(1).max(max);

const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .transform((s, ctx) => {
    let url: URL | undefined;
    try {
      url = new URL(s);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      ctx.addIssue({ code: 'custom', message: 'must be an http(s) URL' });
      return z.NEVER;
    }
    // Stored as the parser wrote it back, so what is kept is what was checked.
    return url.href;
  });

const ticketBody = z.object({
  source: str(64)
    .refine((s) => !(slackSources as readonly string[]).includes(s.toLowerCase()), {
      message: `${slackSources.join(', ')} are Slack's own sources; name your client instead (e.g. zendesk)`,
    })
    .default('api'),
  externalId: z.union([str(512), z.number().transform(String)]).optional(),
  customer: z
    .object({
      id: z.union([str(256), z.number().transform(String)]).optional(),
      email: z.string().trim().email().max(320).optional(),
      name: str(256).optional(),
      company: str(256).optional(),
    })
    .default({}),
  subject: z.string().trim().max(500).optional(),
  text: z.string().refine((s) => s.trim().length > 0, 'must not be empty'),
  url: httpUrl.optional(),
  priority: z.enum(['low', 'normal', 'high', 'urgent']).optional(),
});
export type TicketBody = z.output<typeof ticketBody>;

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Control characters (C0, DEL, C1) except tab and newline: invisible, and they break terminals and CSV readers.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's whole purpose
const controlChars = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * Every string of a parsed JSON value with its field path: lone surrogates are
 * collected as errors (SQLite would store them and other readers choke), other
 * control characters than tab and newline are dropped.
 */
function cleanStrings(value: unknown, path: string, errors: Record<string, string>): unknown {
  if (typeof value === 'string') {
    if (loneSurrogate.test(value)) errors[path || 'body'] = 'is not well-formed UTF-16 (a lone surrogate)';
    return value.replace(controlChars, '');
  }
  if (Array.isArray(value)) return value.map((v, i) => cleanStrings(v, `${path}.${i}`, errors));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, cleanStrings(v, path ? `${path}.${k}` : k, errors)]),
    );
  }
  return value;
}

/** A JSON body checked by `schema`, or a ValidationError naming each bad field ("Invalid <what>: …"). */
export function parseJsonBody<S extends z.ZodTypeAny>(raw: string, schema: S, what: string): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ValidationError('The body is not valid JSON', { body: 'invalid JSON' });
  }
  const malformed: Record<string, string> = {};
  const cleaned = cleanStrings(json, '', malformed);
  if (Object.keys(malformed).length)
    throw new ValidationError(`Invalid ${what}: ${Object.keys(malformed).join(', ')}`, malformed);
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || 'body', i.message]));
    throw new ValidationError(`Invalid ${what}: ${Object.keys(fields).join(', ')}`, fields);
  }
  return parsed.data;
}

/** The body of POST /api/tickets, or a ValidationError naming each bad field. */
export function parseTicketBody(raw: string): TicketBody {
  return parseJsonBody(raw, ticketBody, 'ticket');
}
