import { afterEach, describe, expect, it } from 'vitest';
import { postSlashCommand } from '../harness/slack-requests';
import { dev, lead, startTicketWorld, type TicketWorld } from './support/world';

let w: TicketWorld | undefined;
afterEach(async () => {
  w?.slack.assertNoUnexpectedCalls();
  await w?.stop();
  w = undefined;
});

async function resolved(
  w: TicketWorld,
  n: number,
  by: string,
  opts: { rating?: number; frMin?: number; daysAgo?: number } = {},
) {
  const now = w.clock.now().getTime() - (opts.daysAgo ?? 0) * 86_400_000;
  for (let i = 0; i < n; i++)
    await w.app.exec(
      `INSERT INTO tickets (workspace_id, source, external_id, text, status, resolved_by, resolved_at, first_response_at, rating, created_at, updated_at)
       VALUES ('T0TESTTEAM', 'seed', ?, 'x', 'resolved', ?, ?, ?, ?, ?, ?)`,
      `${by}-${opts.daysAgo ?? 0}-${i}-${Math.random()}`,
      by,
      now - 1000,
      now - 3_600_000 + (opts.frMin ?? 5) * 60_000,
      opts.rating ?? null,
      now - 3_600_000,
      now,
    );
}

describe('leaderboard', () => {
  it('GET /api/leaderboard: team total first, ties alphabetical, zero-ticket people also on duty, period current vs all', async () => {
    w = await startTicketWorld({ withTeam: true });
    await w.app.exec(
      "UPDATE members SET name = CASE slack_user_id WHEN ? THEN 'Lea Lead' WHEN ? THEN 'Dev Dana' END",
      lead,
      dev,
    );
    await resolved(w, 2, 'U0OPERATOR1', { rating: 5, frMin: 3 });
    await resolved(w, 2, dev, { rating: 4, frMin: 7 });
    await resolved(w, 5, 'U0OLDHAND01', { daysAgo: 200 });
    const get = (period: string, token: string | null = w!.token) =>
      fetch(`${w!.app.url}/api/leaderboard?period=${period}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    const current = (await (await get('current')).json()) as any;
    expect(current.total).toMatchObject({ handled: 4, averageRating: 4.5, medianFirstResponseMs: 5 * 60_000 });
    expect(current.entries.map((e: any) => [e.name, e.handled])).toEqual([
      ['Dev Dana', 2],
      ['U0OPERATOR1', 2],
    ]);
    expect(current.alsoOnDuty.map((p: any) => p.name)).toEqual(['Lea Lead']);
    const all = (await (await get('all')).json()) as any;
    expect(all.total.handled).toBe(9);
    expect(all.entries[0]).toMatchObject({ userId: 'U0OLDHAND01', handled: 5 });
    expect((await get('yesterday')).status).toBe(400);
    expect((await get('all', null)).status).toBe(401);
  });

  it('/duty leaderboard answers the table privately, nobody labelled worst', async () => {
    w = await startTicketWorld({ withTeam: true });
    await resolved(w, 3, dev, { rating: 5 });
    await postSlashCommand(w.app.slackTarget, {
      text: 'leaderboard',
      user_id: lead,
      response_url: w.slack.responseUrl('lb'),
    });
    const r = await w.slack.waitForResponse();
    const text = String((r.body as { text: string }).text);
    expect(text).toMatch(/Team total: \*3 tickets\*/);
    expect(text).toContain('Also on duty');
    expect(text).not.toMatch(/worst|last/i);
  });
});
