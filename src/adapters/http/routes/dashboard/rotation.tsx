import type { Context } from 'hono';
import { listPeriods } from '../../../../services/rotation/get-duty';
import { Layout, type Viewer } from '../../../web/layout';
import { fmtDay, fmtShort } from './format';
import type { PageDeps } from './page-deps';

const day = 86_400_000;

export async function rotationPage(c: Context, { ctx, web }: PageDeps, viewer: Viewer | null) {
  const now = ctx.clock.now().getTime();
  const zone = ctx.config.file.timezone;
  const periods = await listPeriods({
    ctx,
    input: { from: new Date(now - 190 * day), to: new Date(now + 100 * day) },
  });
  const name = await web.reads.memberNames(ctx.workspaceId);
  const short = (id: string) => name(id).replace(/ \(.*\)$/, '');
  const past = periods.filter((p) => p.end.getTime() <= now);
  const coming = periods.filter((p) => p.end.getTime() > now);
  return c.html(
    <Layout title="Rotation" active="/rotation" viewer={viewer}>
      <div class="toolbar">
        <div>
          <h1>Rotation</h1>
          <p class="sub">Who is on support duty, period by period ({zone}).</p>
        </div>
        {/* Only the feed token's hash is stored, so the page cannot show the URL; the CLI prints a new one. */}
        <p class="small muted" id="ical">
          iCal feed: an admin prints its address with <code>npx dutyloop calendar rotate</code>
        </p>
      </div>
      <div class="legend keyed">
        <span>
          <span class="pill now">now</span> current period
        </span>
        <span>
          <span class="pill swap">swapped</span> teams swapped this period
        </span>
        <span>
          <span class="pill off">time off</span> stand-in covers
        </span>
      </div>
      {/* The page opens at the current period (id "now"); past periods are folded above it. */}
      <div class="card timeline">
        {past.length ? (
          <details class="past-periods">
            <summary>
              {past.length} past periods, since {fmtDay(past[0]!.start.getTime(), zone)}
            </summary>
            {past.map((p) => (
              <Period p={p} state="past" zone={zone} short={short} />
            ))}
          </details>
        ) : null}
        {coming.map((p) => (
          <Period p={p} state={p.start.getTime() <= now ? 'now' : 'next'} zone={zone} short={short} />
        ))}
      </div>
    </Layout>,
  );
}

type DutyPeriod = Awaited<ReturnType<typeof listPeriods>>[number];

function Period(props: { p: DutyPeriod; state: 'past' | 'now' | 'next'; zone: string; short: (id: string) => string }) {
  const { p, zone, short } = props;
  const current = props.state === 'now';
  return (
    <div
      class={`period${current ? ' now' : props.state === 'past' ? ' past' : ''}`}
      id={current ? 'now' : undefined}
      data-period={p.index}
      data-team={p.team.name}
    >
      <div>
        <div>
          <strong>{fmtShort(p.start.getTime(), zone)}</strong> – {fmtDay(p.end.getTime(), zone)}
        </div>
        <div class="small muted">{Math.round((p.end.getTime() - p.start.getTime()) / day)} days</div>
      </div>
      <div>
        <div class="team">{p.team.name}</div>
        <div>
          {current ? <span class="pill now">now</span> : null}{' '}
          {p.swapped ? <span class="pill swap">swapped</span> : null}{' '}
          {p.replaced ? <span class="pill swap">replaced</span> : null}{' '}
          {p.timeOff.length ? <span class="pill off">time off</span> : null}
        </div>
      </div>
      <div>
        <div class="chips">
          {p.onDuty.map((id) => (
            <span class={`chip${p.team.memberIds.includes(id) ? '' : ' standin'}`}>{short(id)}</span>
          ))}
        </div>
        {p.timeOff.map((t) => (
          <div class="small muted">
            Time off: {short(t.userId)}, {fmtShort(t.from.getTime(), zone)}–{fmtShort(t.to.getTime(), zone)}
            {t.standIn ? `, ${short(t.standIn)} stands in` : ''}
          </div>
        ))}
      </div>
    </div>
  );
}
