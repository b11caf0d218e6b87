import type { Hono } from 'hono';
import { ValidationError } from '../../../domain/errors';
import type { Ctx } from '../../../services/context';
import { searchKnowledge } from '../../../services/knowledge/search-knowledge';
import type { AppEnv } from '../web-deps';

/** A query longer than this is cut: the search reads its first words anyway. */
const maxTextLength = 10_000;

/**
 * GET /api/similar?text=…&limit=5: precedents (resolved tickets and runbook
 * sections) for a text, best first. Read like every /api/* read (API token or
 * sign-in, by the guard in auth.ts). Any text is a valid question: odd input
 * gives results or an empty list, only a missing `text` is refused.
 */
export function registerKnowledgeRoutes(app: Hono<AppEnv>, ctx: Ctx): void {
  app.get('/api/similar', async (c) => {
    const text = c.req.query('text');
    if (text === undefined) throw new ValidationError('text is required', { text: 'required: the words to look for' });
    const limitRaw = Number.parseInt(c.req.query('limit') ?? '', 10);
    const limit = Number.isFinite(limitRaw) ? Math.max(1, Math.min(20, limitRaw)) : 5;
    const results = await searchKnowledge({ ctx, input: { text: text.slice(0, maxTextLength), limit } });
    return c.json({ results });
  });
}
