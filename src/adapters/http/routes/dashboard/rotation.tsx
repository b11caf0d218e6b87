import type { Context } from 'hono';
import type { Runtime } from '../../../../app/runtime';
import { listPeriods } from '../../../../services/rotation/get-duty';
import { Layout, type Viewer } from '../../../web/layout';
import { memberNames } from '../../../web/queries/people';
import { fmtDay, fmtShort } from './format';

const day = 86_400_000;

export function rotationPage(c: Context, rt: Runtime, viewer: Viewer | null) {
  const { ctx } = rt;
  const now = ctx.clock.now().getTime();
  const zone = ctx.config.file.timezone;
  const periods = listPeriods({ ctx, input: { from: new Date(now - 190 * day), to: new Date(now + 100 * day) } });
  const name = memberNames(rt.dbHandle.sqlite, ctx.workspaceId);
  const short = (id: string) => name(id).replace(/ \(.*\)$/, '');
  return c.html(
    <Layout title="Rotation" active="/rotation" viewer={viewer}>
      <div class="toolbar">
        <div>
          <h1>Rotation</h1>
          <p class="sub">Who is on support duty, period by period ({zone}).</p>
        </div>
        {/* Only the feed token's hash is stored, so the page cannot show the URL; the CLI prints a new one. */}
        <p class="small muted" id="ical">iCal feed: an admin prints its address with <code>npx dutyloop calendar rotate</code></p>
      </div>
      <div class="legend" style="margin-bottom:12px"><span><span class="pill now">now</span> current period</span><span><span class="pill swap">swapped</span> teams swapped this period</span><span><span class="pill off">time off</span> stand-in covers</span></div>
      <div class="card" style="padding:0">
        {periods.map((p) => {
          const current = p.start.getTime() <= now && now < p.end.getTime();
          const past = p.end.getTime() <= now;
          return (
            <div class={`period${current ? ' now' : past ? ' past' : ''}`} data-period={p.index} data-team={p.team.name}>
              <div>
                <div><strong>{fmtShort(p.start.getTime(), zone)}</strong> – {fmtDay(p.end.getTime(), zone)}</div>
                <div class="small muted">{Math.round((p.end.getTime() - p.start.getTime()) / day)} days</div>
              </div>
              <div>
                <div class="team">{p.team.name}</div>
                <div>
                  {current ? <span class="pill now">now</span> : null} {p.swapped ? <span class="pill swap">swapped</span> : null}{' '}
                  {p.replaced ? <span class="pill swap">replaced</span> : null} {p.timeOff.length ? <span class="pill off">time off</span> : null}
                </div>
              </div>
              <div>
                <div class="chips">
                  {p.onDuty.map((id) => <span class={`chip${p.team.memberIds.includes(id) ? '' : ' standin'}`}>{short(id)}</span>)}
                </div>
                {p.timeOff.map((t) => (
                  <div class="small muted">Time off: {short(t.userId)}, {fmtShort(t.from.getTime(), zone)}–{fmtShort(t.to.getTime(), zone)}{t.standIn ? `, ${short(t.standIn)} stands in` : ''}</div>
                ))}
              </div>
            </div>
          );
        })}
      </div>
    </Layout>,
  );
}
