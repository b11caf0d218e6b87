/** Server-drawn SVG charts: no script, no library. */

export function Sparkline(props: { values: number[]; width?: number; height?: number; label?: string }) {
  const w = props.width ?? 120;
  const h = props.height ?? 28;
  const max = Math.max(1, ...props.values);
  const n = props.values.length;
  const step = n > 1 ? (w - 4) / (n - 1) : 0;
  const pts = props.values.map((v, i) => `${(2 + i * step).toFixed(1)},${(h - 3 - (v / max) * (h - 6)).toFixed(1)}`);
  const last = pts[pts.length - 1]?.split(',') ?? ['0', '0'];
  return (
    <svg
      width={w}
      height={h}
      viewBox={`0 0 ${w} ${h}`}
      role="img"
      aria-label={`${props.label ?? 'weekly tickets'}: ${props.values.join(', ') || 'none'}`}
      class="spark"
      data-values={props.values.join(',')}
    >
      <polyline points={`2,${h - 3} ${pts.join(' ')} ${w - 2},${h - 3}`} fill="#eef2ff" stroke="none" />
      <polyline points={pts.join(' ')} fill="none" stroke="#4f46e5" stroke-width="1.6" stroke-linejoin="round" />
      <circle cx={last[0]} cy={last[1]} r="2.4" fill="#4f46e5" />
    </svg>
  );
}

export interface Series {
  name: string;
  color: string;
  values: (number | null)[];
  kind: 'bar' | 'line';
}

export interface WeeklyChartProps {
  /** Unique on its page: the chart's title and description are referenced by id. */
  id: string;
  title: string;
  labels: string[];
  series: Series[];
  /** Appended to every figure in the description, e.g. " min" or "%". */
  unit?: string;
  target?: { value: number; label: string };
  max?: number;
  width?: number;
  height?: number;
}

/**
 * Weekly chart: bars and/or lines over labelled weeks, with an optional target line.
 * A screen reader hears its title and a one-sentence summary; every number is also in a table below it.
 */
export function WeeklyChart(props: WeeklyChartProps) {
  return (
    <figure class="chart-fig">
      <WeeklySvg {...props} />
      <ChartNumbers {...props} />
    </figure>
  );
}

/** "Median first response per week, 7 Sep–23 Nov: between 6.2 and 15.8 min, target 10 min." */
export function describeChart(p: Pick<WeeklyChartProps, 'title' | 'labels' | 'series' | 'unit' | 'target'>): string {
  const unit = p.unit ?? '';
  const range = p.labels.length ? `${p.labels[0]}–${p.labels[p.labels.length - 1]}` : 'no weeks yet';
  const spans = p.series.map((s) => {
    const vs = s.values.filter((v): v is number => v !== null);
    const lo = Math.min(...vs);
    const hi = Math.max(...vs);
    const span = !vs.length ? 'no data yet' : lo === hi ? `${lo}${unit} every week` : `between ${lo} and ${hi}${unit}`;
    return p.series.length > 1 ? `${s.name} ${span}` : span;
  });
  const target = p.target ? `, target ${p.target.value}${unit}` : '';
  return `${p.title}, ${range}: ${spans.join('; ')}${target}.`;
}

function WeeklySvg(props: WeeklyChartProps) {
  const W = props.width ?? 760;
  const H = props.height ?? 220;
  const L = 44,
    R = 12,
    T = 14,
    B = 28;
  const all = props.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = props.max ?? niceMax(Math.max(1, ...all, props.target?.value ?? 0));
  const n = Math.max(1, props.labels.length);
  const slot = (W - L - R) / n;
  const y = (v: number) => T + (H - T - B) * (1 - v / max);
  const bars = props.series.filter((s) => s.kind === 'bar');
  const bw = Math.max(2, (slot * 0.75) / Math.max(1, bars.length));
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(max * f * 100) / 100);
  const every = Math.ceil(n / Math.max(4, Math.floor(W / 64)));
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      width="100%"
      role="img"
      class="chart"
      id={props.id}
      aria-labelledby={`${props.id}-title`}
      aria-describedby={`${props.id}-desc`}
    >
      <title id={`${props.id}-title`}>{props.title}</title>
      <desc id={`${props.id}-desc`}>{describeChart(props)}</desc>
      {ticks.map((t) => (
        <g>
          <line x1={L} x2={W - R} y1={y(t)} y2={y(t)} stroke="#eaecf0" />
          <text x={L - 6} y={y(t) + 4} text-anchor="end">
            {t}
          </text>
        </g>
      ))}
      {props.labels.map((l, i) =>
        i % every === 0 ? (
          <text x={L + slot * i + slot / 2} y={H - 8} text-anchor="middle">
            {l}
          </text>
        ) : null,
      )}
      {bars.map((s, bi) =>
        s.values.map((v, i) =>
          v === null ? null : (
            <rect
              x={L + slot * i + (slot - bw * bars.length) / 2 + bi * bw}
              y={y(v)}
              width={bw - 1}
              height={Math.max(0, y(0) - y(v))}
              fill={s.color}
              rx="2"
            >
              <title>{`${props.labels[i]}: ${v} ${s.name}`}</title>
            </rect>
          ),
        ),
      )}
      {props.series
        .filter((s) => s.kind === 'line')
        .map((s) => {
          const pts = s.values
            .map((v, i) => (v === null ? null : `${(L + slot * i + slot / 2).toFixed(1)},${y(v).toFixed(1)}`))
            .filter(Boolean);
          return (
            <g>
              <polyline
                points={pts.join(' ')}
                fill="none"
                stroke={s.color}
                stroke-width="2.2"
                stroke-linejoin="round"
              />
              {pts.map((p) => {
                const [cx, cy] = p!.split(',');
                return <circle cx={cx} cy={cy} r="2.6" fill={s.color} />;
              })}
            </g>
          );
        })}
      {props.target ? (
        <g>
          <line
            x1={L}
            x2={W - R}
            y1={y(props.target.value)}
            y2={y(props.target.value)}
            stroke="#d92d20"
            stroke-dasharray="5 4"
          />
          <text x={W - R} y={y(props.target.value) - 4} text-anchor="end" class="target">
            {props.target.label}
          </text>
        </g>
      ) : null}
    </svg>
  );
}

/** The chart's numbers as text, folded away for sighted readers who have the picture. */
function ChartNumbers(props: WeeklyChartProps) {
  const unit = props.unit?.trim();
  return (
    <details class="chart-data">
      <summary>{props.title}: the numbers</summary>
      <table>
        <thead>
          <tr>
            <th>Week of</th>
            {props.series.map((s) => (
              <th class="num">
                {s.name}
                {unit ? ` (${unit})` : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.labels.map((l, i) => (
            <tr>
              <td>{l}</td>
              {props.series.map((s) => (
                <td class="num">{s.values[i] ?? '—'}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** A colour key; the swatches are SVG so the page needs no inline style. */
export function Legend(props: { items: { name: string; color: string }[] }) {
  return (
    <div class="legend">
      {props.items.map((i) => (
        <span>
          <svg width="12" height="12" aria-hidden="true">
            <rect width="12" height="12" rx="3" fill={i.color} />
          </svg>
          {i.name}
        </span>
      ))}
    </div>
  );
}

/** Horizontal bars for small distributions (ratings, sources); each figure is printed beside its bar. */
export function HBars(props: { rows: { label: string; value: number; color?: string }[] }) {
  const max = Math.max(1, ...props.rows.map((r) => r.value));
  return (
    <table class="hbars">
      {props.rows.map((r) => (
        <tr>
          <td class="l">{r.label}</td>
          <td>
            <svg width="100%" height="10" aria-hidden="true">
              <rect width={`${((r.value / max) * 100).toFixed(1)}%`} height="10" rx="5" fill={r.color ?? '#4f46e5'} />
            </svg>
          </td>
          <td class="num">{r.value}</td>
        </tr>
      ))}
    </table>
  );
}

/** The smallest "round" maximum whose quarter is a readable tick step. */
function niceMax(v: number): number {
  const step = v / 4;
  const p = 10 ** Math.floor(Math.log10(step));
  for (const m of [1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= step) return 4 * m * p;
  return 40 * p;
}
