import type { Hono } from 'hono';
import { ValidationError } from '../../../domain/errors';
import type { Ctx } from '../../../services/context';
import { createTicketsWithGroupCommit } from '../../../services/tickets/create-tickets-with-group-commit';
import { getLeaderboard } from '../../../services/tickets/get-leaderboard';
import { bodyLimits, bodyText, limitBody } from '../doors';
import type { AppEnv, WebDeps } from '../web-deps';
import { requireApiToken } from './api-token';
import { registerHelpdeskRoutes } from './helpdesk';
import { parseTicketBody } from './ticket-input';
import { registerRatingPage } from './tickets-rate';

/** POST /api/tickets (helpdesks, forwarders, forms), its resolve and reply, and GET /api/leaderboard. */
export function registerTicketRoutes(app: Hono<AppEnv>, ctx: Ctx, web: WebDeps): void {
  const createTicket = createTicketsWithGroupCommit(ctx);

  app.post('/api/tickets', requireApiToken(ctx), limitBody(bodyLimits.apiTickets), async (c) => {
    const b = parseTicketBody(await bodyText(c));
    const { id, created } = await createTicket({
      source: b.source,
      // Without an externalId the client asked for no dedupe: each call is a new ticket.
      externalId: b.externalId ?? `auto:${crypto.randomUUID()}`,
      text: b.text,
      subject: b.subject || null,
      url: b.url ?? null,
      priority: b.priority,
      customer: b.customer,
    });
    return c.json({ id }, created ? 201 : 200);
  });

  registerHelpdeskRoutes(app, ctx);
  registerRatingPage(app, ctx, web);

  app.get('/api/leaderboard', async (c) => {
    const period = c.req.query('period') ?? 'current';
    if (period !== 'current' && period !== 'all')
      throw new ValidationError('period must be current or all', { period: 'must be current or all' });
    return c.json(await getLeaderboard({ ctx, input: { period } }));
  });
}
