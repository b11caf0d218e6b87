import type { Context } from 'hono';
import { getLeaderboard } from '../../../../services/tickets/get-leaderboard';
import { Layout, type Viewer } from '../../../web/layout';
import { BadParam } from './errors';
import { fmtDay, fmtMin } from './format';
import type { PageDeps } from './page-deps';

export async function leaderboardPage(c: Context, { ctx }: PageDeps, viewer: Viewer | null) {
  const period = c.req.query('period') ?? 'current';
  if (period !== 'current' && period !== 'all') throw new BadParam('period', period, ['current', 'all']);
  const zone = ctx.config.file.timezone;
  const board = await getLeaderboard({ ctx, input: { period } });
  const { total } = board;
  const title =
    board.team && board.from !== null
      ? `${board.team}, on duty since ${fmtDay(board.from, zone)}`
      : 'Everyone, all time';
  return c.html(
    <Layout title="Leaderboard" active="/leaderboard" viewer={viewer}>
      <h1>Leaderboard</h1>
      <p class="sub">Thank you for every answer. {title}.</p>
      <nav class="tabs" aria-label="period">
        <a
          href="/leaderboard?period=current"
          class={period === 'current' ? 'on' : ''}
          aria-current={period === 'current' ? 'page' : undefined}
        >
          This duty period
        </a>
        <a
          href="/leaderboard?period=all"
          class={period === 'all' ? 'on' : ''}
          aria-current={period === 'all' ? 'page' : undefined}
        >
          All time
        </a>
      </nav>
      <div class="card hero">
        <div class="n" id="team-total">
          {total.handled}
        </div>
        <div class="l">
          tickets handled together{board.team ? ` by team ${board.team} and friends` : ` by ${total.people} people`}
          {total.medianFirstResponseMs !== null
            ? ` · median first response ${fmtMin(total.medianFirstResponseMs / 60_000)}`
            : ''}
          {total.averageRating !== null ? ` · customers rated them ${total.averageRating.toFixed(1)} / 5` : ''}
        </div>
      </div>
      <div class="card">
        <section class="scroll" tabindex={0} aria-label="Tickets handled per person">
          <table id="leaderboard">
            <thead>
              <tr>
                <th></th>
                <th>Who</th>
                <th class="num">Tickets handled</th>
                <th class="num">Median first response</th>
                <th class="num">Rating</th>
              </tr>
            </thead>
            <tbody>
              {board.entries.map((r, i) => (
                <tr data-user={r.userId}>
                  <td>{i < 3 ? <span class={`rank r${i + 1}`}>{i + 1}</span> : null}</td>
                  <td>{r.name}</td>
                  <td class="num" data-col="handled">
                    <strong>{r.handled}</strong>
                  </td>
                  <td class="num">
                    {fmtMin(r.medianFirstResponseMs === null ? null : r.medianFirstResponseMs / 60_000)}
                  </td>
                  <td class="num">{r.averageRating === null ? '—' : `${r.averageRating.toFixed(1)} (${r.ratings})`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        {board.entries.length === 0 ? (
          <p class="muted">No tickets handled yet in this period — the first one is on its way.</p>
        ) : null}
      </div>
      {board.alsoOnDuty.length ? (
        <div class="card" id="also">
          <h2>Also on duty</h2>
          <div class="chips">
            {board.alsoOnDuty.map((p) => (
              <span class="chip">{p.name}</span>
            ))}
          </div>
        </div>
      ) : null}
    </Layout>,
  );
}
