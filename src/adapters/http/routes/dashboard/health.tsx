import type { Context } from 'hono';
import { HBars, WeeklyChart } from '../../../web/charts';
import { Layout, type Viewer } from '../../../web/layout';
import { healthSince } from '../../../../domain/tickets/health-window';
import { BadParam } from './errors';
import { getTopics } from '../../../../services/knowledge/get-topics';
import { TopTopics } from './health-topics';
import { fmtMin, fmtPct, fmtShort } from './format';
import type { PageDeps } from './page-deps';

const ranges = { '12w': 84, '26w': 182 } as const;
const ratingNames = ['1 · awful', '2 · poor but it happens', '3 · fine but expected more', '4 · good', '5 · wow'];
// Each at least 3:1 against white, so every bar is seen (WCAG non-text contrast).
const ratingColors = ['#d92d20', '#dc6803', '#b54708', '#039855', '#067647'];

export async function healthPage(c: Context, { ctx, web }: PageDeps, viewer: Viewer | null) {
  const range = c.req.query('range') ?? '12w';
  if (!(range in ranges)) throw new BadParam('range', range, Object.keys(ranges));
  const now = ctx.clock.now().getTime();
  const zone = ctx.config.file.timezone;
  const { targets } = ctx.config.file;
  const h = await web.reads.supportHealth(ctx.workspaceId, {
    since: healthSince(now, zone, ranges[range as keyof typeof ranges]),
    now,
    zone,
    targetMin: targets.firstResponseMinutes,
  });
  const topics = await getTopics({ ctx, input: { window: '30d' } });
  const labels = h.weeks.map((w) => fmtShort(w.weekStart, zone));
  return c.html(
    <Layout title="Support health" active="/health" viewer={viewer}>
      <h1>Support health</h1>
      <p class="sub">
        How fast customers hear back and how they rate it. Targets: first response within {targets.firstResponseMinutes}{' '}
        min, resolution within {targets.resolutionWorkingHours} h.
      </p>
      <nav class="tabs" aria-label="range">
        {Object.keys(ranges).map((r) => (
          <a
            href={`/health?range=${r}`}
            class={r === range ? 'on' : ''}
            aria-current={r === range ? 'page' : undefined}
          >
            Last {r.replace('w', ' weeks')}
          </a>
        ))}
      </nav>
      <div class="grid g4">
        <div class="card stat">
          <div class="n" id="stat-tickets">
            {h.overall.tickets}
          </div>
          <div class="l">tickets</div>
        </div>
        <div class="card stat">
          <div class="n" id="stat-fr">
            {fmtMin(h.overall.firstResponseMedianMin)}
          </div>
          <div class="l">median first response</div>
        </div>
        <div class="card stat">
          <div class="n" id="stat-within">
            {fmtPct(h.overall.withinTargetShare)}
          </div>
          <div class="l">first responses within target</div>
        </div>
        <div class="card stat">
          <div class="n">{h.overall.ratingAvg === null ? '—' : h.overall.ratingAvg.toFixed(2)}</div>
          <div class="l">average rating (1–5)</div>
        </div>
      </div>
      <div class="grid g2">
        <div class="card">
          <div class="toolbar">
            <h2>First response, median per week (min)</h2>
          </div>
          <WeeklyChart
            id="chart-first-response"
            title="Median first response per week"
            unit=" min"
            labels={labels}
            width={520}
            height={220}
            target={{ value: targets.firstResponseMinutes, label: `target ${targets.firstResponseMinutes} min` }}
            series={[
              {
                name: 'median',
                color: '#4f46e5',
                kind: 'line',
                values: h.weeks.map((w) => round(w.firstResponseMedianMin)),
              },
            ]}
          />
        </div>
        <div class="card">
          <div class="toolbar">
            <h2>Resolution, median per week (h)</h2>
          </div>
          <WeeklyChart
            id="chart-resolution"
            title="Median resolution time per week"
            unit=" h"
            labels={labels}
            width={520}
            height={220}
            target={{ value: targets.resolutionWorkingHours, label: `target ${targets.resolutionWorkingHours} h` }}
            series={[
              {
                name: 'median',
                color: '#0369a1',
                kind: 'line',
                values: h.weeks.map((w) => round(w.resolutionMedianHours)),
              },
            ]}
          />
        </div>
      </div>
      <div class="grid g2">
        <div class="card">
          <h2>Tickets per week</h2>
          <WeeklyChart
            id="chart-tickets"
            title="Tickets per week"
            labels={labels}
            width={520}
            height={220}
            series={[{ name: 'tickets', color: '#6366f1', kind: 'bar', values: h.weeks.map((w) => w.tickets) }]}
          />
        </div>
        <div class="card">
          <h2>First responses within target, per week (%)</h2>
          <WeeklyChart
            id="chart-within-target"
            title="First responses within target per week"
            unit="%"
            labels={labels}
            width={520}
            height={220}
            max={100}
            series={[
              {
                name: 'within target',
                color: '#039855',
                kind: 'line',
                values: h.weeks.map((w) =>
                  w.withinTargetShare === null ? null : Math.round(w.withinTargetShare * 100),
                ),
              },
            ]}
          />
        </div>
      </div>
      <div class="grid g2">
        <div class="card" id="ratings">
          <h2>Ratings</h2>
          <HBars
            rows={[...h.ratings]
              .map((n, i) => ({ label: ratingNames[i]!, value: n, color: ratingColors[i] }))
              .reverse()}
          />
        </div>
        <div class="card" id="sources">
          <h2>Volume by source</h2>
          <HBars rows={h.sources.map((s) => ({ label: s.source, value: s.tickets }))} />
        </div>
      </div>
      <TopTopics rows={topics} />
    </Layout>,
  );
}

const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
