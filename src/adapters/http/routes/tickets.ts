import { createHash } from 'node:crypto';
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { Runtime } from '../../../app/runtime';
import { UnauthorizedError, ValidationError } from '../../../domain/errors';
import { createTicketsTogether } from '../../../services/tickets/create-tickets-together';
import { getLeaderboard } from '../../../services/tickets/get-leaderboard';
import type { AppEnv } from '../app';
import { registerRatingPage } from './tickets-rate';

const str = (max: number) => z.string().trim().min(1).max(max);
const body = z.object({
  source: str(64).default('api'),
  externalId: z.union([str(512), z.number().transform(String)]).optional(),
  customer: z
    .object({ id: z.union([str(256), z.number().transform(String)]).optional(), email: z.string().trim().email().max(320).optional(), name: str(256).optional(), company: str(256).optional() })
    .default({}),
  subject: z.string().trim().max(500).optional(),
  text: z.string().refine((s) => s.trim().length > 0, 'must not be empty'),
  url: z.string().url().max(2000).optional(),
  priority: z.enum(['low', 'normal', 'high', 'urgent']).optional(),
});

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** POST /api/tickets (helpdesks, forwarders, forms) and GET /api/leaderboard. */
export function registerTicketRoutes(app: Hono<AppEnv>, rt: Runtime): void {
  const createTicket = createTicketsTogether(rt.ctx);
  const findToken = rt.dbHandle.sqlite.prepare('SELECT id FROM api_tokens WHERE token_hash = ? AND workspace_id = ? AND revoked_at IS NULL');

  app.post(
    '/api/tickets',
    bodyLimit({ maxSize: 1024 * 1024, onError: (c) => c.json({ error: 'payload_too_large', message: 'The body is over 1 MB' }, 413) }),
    async (c) => {
      const auth = c.req.header('authorization') ?? '';
      const token = auth.startsWith('Bearer ') ? auth.slice(7).trim() : '';
      if (!token || !findToken.get(hash(token), rt.ctx.workspaceId)) throw new UnauthorizedError('Send Authorization: Bearer <api token> (create one with `dutyloop token create --name <name>`)');
      let json: unknown;
      try {
        json = JSON.parse(await c.req.text());
      } catch {
        throw new ValidationError('The body is not valid JSON', { body: 'invalid JSON' });
      }
      const parsed = body.safeParse(json);
      if (!parsed.success) {
        const fields = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || 'body', i.message]));
        throw new ValidationError(`Invalid ticket: ${Object.keys(fields).join(', ')}`, fields);
      }
      const b = parsed.data;
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
