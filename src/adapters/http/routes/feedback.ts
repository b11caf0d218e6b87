import { stringify } from 'csv-stringify/sync';
import type { Hono } from 'hono';
import { demandWindows, isDemandWindow } from '../../../domain/feedback/demand';
import { ValidationError } from '../../../domain/errors';
import type { Ctx } from '../../../services/context';
import { getDemand } from '../../../services/feedback/get-demand';
import { inTransaction } from '../../../services/transaction';
import { csvSafeRow } from '../csv-cell';
import { bodyText, deliveryResultHeader } from '../doors';
import { handleGitHubIssuesEvent, handleLinearEvent } from '../tracker-events';
import { githubIssuesEvent, verifyGitHubSignature } from '../../github/webhook';
import { verifyLinearDelivery } from '../../linear/webhook';
import type { AppEnv } from '../web-deps';

const unauthorized = { error: 'unauthorized', message: 'Missing or invalid signature' };

/** True the first time a delivery id is seen (recorded in the caller's transaction, so any replica sees it). */
async function firstDelivery(tx: Ctx, source: string, id: string | undefined): Promise<boolean> {
  return !id || tx.repos.deliveries.mark(source, id, tx.clock.now().getTime());
}

export function registerFeedbackRoutes(app: Hono<AppEnv>, ctx: Ctx): void {
  app.get('/api/demand', async (c) => {
    const window = c.req.query('window') ?? '30d';
    if (!isDemandWindow(window)) {
      throw new ValidationError(`window must be one of ${demandWindows.join(', ')}`, {
        window: `allowed values: ${demandWindows.join(', ')}`,
      });
    }
    const limitRaw = c.req.query('limit');
    const limit = limitRaw && /^\d+$/.test(limitRaw) ? Number(limitRaw) : undefined;
    const rows = await getDemand({ ctx, input: { window, limit } });
    const wantsCsv = c.req.query('format') === 'csv' || (c.req.header('accept') ?? '').includes('text/csv');
    if (!wantsCsv) return c.json({ window, generatedAt: ctx.clock.now().toISOString(), issues: rows });
    const csv = stringify(
      rows.map((r) =>
        csvSafeRow({
          ...r,
          firstSeen: new Date(r.firstSeen).toISOString(),
          lastSeen: new Date(r.lastSeen).toISOString(),
        }),
      ),
      {
        header: true,
        columns: [
          'issueId',
          'provider',
          'key',
          'title',
          'url',
          'state',
          'customers',
          'tickets',
          'previousCustomers',
          'previousTickets',
          'customersChange',
          'firstSeen',
          'lastSeen',
        ],
      },
    );
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="demand-${window}.csv"`,
    });
  });

  app.post('/webhooks/github', async (c) => {
    const secret = ctx.config.env.github.webhookSecret;
    const raw = await bodyText(c);
    if (!secret || !(await verifyGitHubSignature(secret, raw, c.req.header('x-hub-signature-256'))))
      return c.json(unauthorized, 401);
    if (c.req.header('x-github-event') !== 'issues') return c.body(null, 204);
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      throw new ValidationError('body is not JSON');
    }
    const parsed = githubIssuesEvent.safeParse(body);
    if (!parsed.success) return c.body(null, 204);
    if (!['closed', 'reopened', 'transferred', 'deleted'].includes(parsed.data.action)) return c.body(null, 204);
    const delivery = c.req.header('x-github-delivery');
    const result = await inTransaction(ctx, async (tx) => {
      if (!(await firstDelivery(tx, 'github', delivery))) return { duplicate: true };
      return handleGitHubIssuesEvent({ ctx: tx, input: parsed.data });
    });
    if (result.duplicate) c.header(deliveryResultHeader, 'duplicate');
    return c.json({ ok: true, ...result });
  });

  app.post('/webhooks/linear', async (c) => {
    const secret = ctx.config.env.linear.webhookSecret;
    const raw = await bodyText(c);
    if (!secret) return c.json(unauthorized, 401);
    const verified = verifyLinearDelivery(secret, raw, c.req.header('linear-signature'), ctx.clock.now().getTime());
    if (!verified.ok) return c.json({ ...unauthorized, message: verified.message }, 401);
    const delivery = c.req.header('linear-delivery');
    const pre = await handleLinearEvent.planChange({ ctx, input: verified.envelope });
    if (!pre) return c.body(null, 204);
    const result = await inTransaction(ctx, async (tx) => {
      if (!(await firstDelivery(tx, 'linear', delivery))) return { duplicate: true };
      return pre(tx);
    });
    if (result.duplicate) c.header(deliveryResultHeader, 'duplicate');
    return c.json({ ok: true, ...result });
  });
}
