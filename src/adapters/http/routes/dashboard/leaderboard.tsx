import type { Context } from 'hono';
import type { Runtime } from '../../../../app/runtime';
import { getDutyNow } from '../../../../services/rotation/get-duty';
import { Layout, type Viewer } from '../../../web/layout';
import { leaderboardRows } from '../../../web/queries/leaderboard';
import { memberNames } from '../../../web/queries/people';
import { BadParam } from './errors';
import { fmtDay, fmtMin } from './format';


export function leaderboardPage(c: Context, rt: Runtime, viewer: Viewer | null) {
  const period = c.req.query('period') ?? 'current';
  if (period !== 'current' && period !== 'all') throw new BadParam('period', period, ['current', 'all']);
  const { ctx } = rt;
  const now = ctx.clock.now().getTime();
  const zone = ctx.config.file.timezone;
  const duty = getDutyNow({ ctx });
  const from = period === 'current' && duty ? duty.current.start.getTime() : 0;
  const rows = leaderboardRows(rt.dbHandle.sqlite, ctx.workspaceId, from, now + 1);
  const name = memberNames(rt.dbHandle.sqlite, ctx.workspaceId);
  const total = rows.reduce((a, r) => a + r.handled, 0);
  const rated = rows.reduce((a, r) => a + r.ratings, 0);
  const ratingAvg = rated ? rows.reduce((a, r) => a + (r.ratingAvg ?? 0) * r.ratings, 0) / rated : null;
  const onDuty = period === 'current' && duty ? duty.current.onDuty : allMembers(rt);
  const also = onDuty.filter((id) => !rows.some((r) => r.userId === id));
  const title = period === 'current' && duty ? `${duty.current.team.name}, on duty since ${fmtDay(duty.current.start.getTime(), zone)}` : 'Everyone, all time';
  return c.html(
    <Layout title="Leaderboard" active="/leaderboard" viewer={viewer}>
      <h1>Leaderboard</h1>
      <p class="sub">Thank you for every answer. {title}.</p>
      <nav class="tabs">
        <a href="/leaderboard?period=current" class={period === 'current' ? 'on' : ''}>This duty period</a>
        <a href="/leaderboard?period=all" class={period === 'all' ? 'on' : ''}>All time</a>
      </nav>
      <div class="card hero">
        <div class="n" id="team-total">{total}</div>
        <div class="l">tickets handled together{period === 'current' && duty ? ` by team ${duty.current.team.name} and friends` : ''}{ratingAvg !== null ? ` · customers rated them ${ratingAvg.toFixed(1)} / 5` : ''}</div>
      </div>
      <div class="card">
        <table id="leaderboard">
          <thead><tr><th></th><th>Who</th><th class="num">Tickets handled</th><th class="num">Median first response</th><th class="num">Rating</th></tr></thead>
          <tbody>
            {rows.map((r, i) => (
              <tr data-user={r.userId}>
                <td><span class={`rank r${Math.min(i + 1, 4)}`}>{i + 1}</span></td>
                <td>{name(r.userId)}</td>
                <td class="num" data-col="handled"><strong>{r.handled}</strong></td>
                <td class="num">{fmtMin(r.medianFirstResponseMin)}</td>
                <td class="num">{r.ratingAvg === null ? '—' : `${r.ratingAvg.toFixed(1)} (${r.ratings})`}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 ? <p class="muted">No tickets handled yet in this period — the first one is on its way.</p> : null}
      </div>
      {also.length ? (
        <div class="card" id="also">
          <h2>Also on duty</h2>
          <div class="chips">{also.map((id) => <span class="chip">{name(id)}</span>)}</div>
        </div>
      ) : null}
    </Layout>,
  );
}

function allMembers(rt: Runtime): string[] {
  return (rt.dbHandle.sqlite.prepare('SELECT DISTINCT slack_user_id AS id FROM members WHERE workspace_id = ?').all(rt.ctx.workspaceId) as { id: string }[]).map((r) => r.id);
}
