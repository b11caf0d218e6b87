import { createHash } from 'node:crypto';
import type { Hono } from 'hono';
import type { Runtime } from '../../../app/runtime';
import { ValidationError } from '../../../domain/errors';
import { createTicketsTogether } from '../../../services/tickets/create-tickets-together';
import { getLeaderboard } from '../../../services/tickets/get-leaderboard';
import type { AppEnv } from '../app';
import { bodyLimits, limitBody, refuse } from '../doors';
import { parseTicketBody } from './ticket-input';
import { registerRatingPage } from './tickets-rate';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** POST /api/tickets (helpdesks, forwarders, forms) and GET /api/leaderboard. */
export function registerTicketRoutes(app: Hono<AppEnv>, rt: Runtime): void {
  const createTicket = createTicketsTogether(rt.ctx);
  const findToken = rt.dbHandle.sqlite.prepare('SELECT id, last_used_at AS lastUsedAt FROM api_tokens WHERE token_hash = ? AND workspace_id = ? AND revoked_at IS NULL');
  const touchToken = rt.dbHandle.sqlite.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?');

  app.post(
    '/api/tickets',
    // The token is checked on the headers alone: a request without a valid one is refused before its body is read.
    async (c, next) => {
      const auth = c.req.header('authorization') ?? '';
      const token = auth.startsWith('Bearer ') ? auth.slice(7).trim() : '';
      const found = token ? (findToken.get(hash(token), rt.ctx.workspaceId) as { id: number; lastUsedAt: number | null } | undefined) : undefined;
      if (!found) {
        return refuse(c, { status: 401, error: 'unauthorized', message: 'Send Authorization: Bearer <api token> (create one with `dutyloop token create --name <name>`)' });
      }
      // `dutyloop token list` shows when a token was last used; at most one write a minute per token.
      const now = rt.ctx.clock.now().getTime();
      if (now - (found.lastUsedAt ?? 0) >= 60_000) touchToken.run(now, found.id);
      return next();
    },
    limitBody(bodyLimits.apiTickets),
    async (c) => {
      const b = parseTicketBody(await c.req.text());
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
      if (created) rt.outbox.kick();
      return c.json({ id }, created ? 201 : 200);
    },
  );

  registerRatingPage(app, rt);

  app.get('/api/leaderboard', (c) => {
    const period = c.req.query('period') ?? 'current';
    if (period !== 'current' && period !== 'all') throw new ValidationError('period must be current or all', { period: 'must be current or all' });
    return c.json(getLeaderboard({ ctx: rt.ctx, input: { period } }));
  });
}
