import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError } from '../../../domain/errors';
import type { Ctx } from '../../../services/context';
import { recordHelpdeskReply } from '../../../services/tickets/record-helpdesk-reply';
import { resolveFromHelpdesk } from '../../../services/tickets/resolve-from-helpdesk';
import { bodyLimits, bodyText, limitBody } from '../doors';
import type { AppEnv } from '../web-deps';
import { apiClientOf, requireApiToken } from './api-token';
import { parseJsonBody } from './ticket-input';

const person = z.string().trim().min(1, 'must not be empty').max(120);

const resolveBody = z.object({
  // The card shows it on one line and the knowledge search offers it to the next person: say it, do not paste the thread.
  resolution: z.string().trim().min(1, 'must not be empty').max(500, 'at most 500 characters'),
  resolvedBy: person.optional(),
});

// A time with its zone (an offset-less time would be read in whatever zone the server runs in), or epoch milliseconds.
const instant = z.union([
  z
    .string()
    .datetime({ offset: true, message: 'must be an ISO 8601 time with a zone, e.g. 2026-03-10T09:15:00Z' })
    .transform((s) => Date.parse(s)),
  z.number().int().positive().max(8.64e15),
]);

const replyBody = z.object({ by: person.optional(), at: instant.optional() });

/** `/api/tickets/:id/…`: only digits name a ticket; anything else is no ticket. */
function ticketIdOf(c: Context): number {
  const raw = c.req.param('id') ?? '';
  if (!/^\d{1,12}$/.test(raw)) throw new NotFoundError(`Ticket ${raw} does not exist.`);
  return Number(raw);
}

/** An empty body is an empty object: `/reply` needs nothing. */
const jsonText = async (c: Context) => (await bodyText(c)).trim() || '{}';

/**
 * A helpdesk reports its work on a ticket: the first reply and the resolution
 * (idempotent both; 404 for a ticket this workspace does not have).
 */
export function registerHelpdeskRoutes(app: Hono<AppEnv>, ctx: Ctx): void {
  app.post('/api/tickets/:id/resolve', requireApiToken(ctx), limitBody(bodyLimits.helpdesk), async (c) => {
    const ticketId = ticketIdOf(c);
    const b = parseJsonBody(await jsonText(c), resolveBody, 'resolution');
    const result = await resolveFromHelpdesk({
      ctx,
      input: { ticketId, resolution: b.resolution, resolvedBy: b.resolvedBy, client: apiClientOf(c).name },
    });
    return c.json(result, 200);
  });

  app.post('/api/tickets/:id/reply', requireApiToken(ctx), limitBody(bodyLimits.helpdesk), async (c) => {
    const ticketId = ticketIdOf(c);
    const b = parseJsonBody(await jsonText(c), replyBody, 'reply');
    const result = await recordHelpdeskReply({
      ctx,
      input: { ticketId, by: b.by, at: b.at, client: apiClientOf(c).name },
    });
    return c.json(result, 200);
  });
}
