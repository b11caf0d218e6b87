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
    <svg width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={props.label ?? 'weekly tickets'} class="spark" data-values={props.values.join(',')}>
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

/** Weekly chart: bars and/or lines over labelled weeks, with an optional target line. */
export function WeeklyChart(props: { labels: string[]; series: Series[]; target?: { value: number; label: string }; max?: number; width?: number; height?: number }) {
  const W = props.width ?? 760;
  const H = props.height ?? 220;
  const L = 44, R = 12, T = 14, B = 28;
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
    <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" class="chart">
      {ticks.map((t) => (
        <g>
          <line x1={L} x2={W - R} y1={y(t)} y2={y(t)} stroke="#eaecf0" />
          <text x={L - 6} y={y(t) + 4} text-anchor="end">{t}</text>
        </g>
      ))}
      {props.labels.map((l, i) => (i % every === 0 ? <text x={L + slot * i + slot / 2} y={H - 8} text-anchor="middle">{l}</text> : null))}
      {bars.map((s, bi) =>
        s.values.map((v, i) =>
          v === null ? null : (
            <rect x={L + slot * i + (slot - bw * bars.length) / 2 + bi * bw} y={y(v)} width={bw - 1} height={Math.max(0, y(0) - y(v))} fill={s.color} rx="2">
              <title>{`${props.labels[i]}: ${v} ${s.name}`}</title>
            </rect>
          ),
        ),
      )}
      {props.series.filter((s) => s.kind === 'line').map((s) => {
        const pts = s.values.map((v, i) => (v === null ? null : `${(L + slot * i + slot / 2).toFixed(1)},${y(v).toFixed(1)}`)).filter(Boolean);
        return (
          <g>
            <polyline points={pts.join(' ')} fill="none" stroke={s.color} stroke-width="2.2" stroke-linejoin="round" />
            {pts.map((p) => { const [cx, cy] = p!.split(','); return <circle cx={cx} cy={cy} r="2.6" fill={s.color} />; })}
          </g>
        );
      })}
      {props.target ? (
        <g>
          <line x1={L} x2={W - R} y1={y(props.target.value)} y2={y(props.target.value)} stroke="#d92d20" stroke-dasharray="5 4" />
          <text x={W - R} y={y(props.target.value) - 4} text-anchor="end" style="fill:#d92d20">{props.target.label}</text>
        </g>
      ) : null}
    </svg>
  );
}

export function Legend(props: { items: { name: string; color: string }[] }) {
  return (
    <div class="legend">
      {props.items.map((i) => <span><i style={`background:${i.color}`}></i>{i.name}</span>)}
    </div>
  );
}

/** Horizontal bars for small distributions (ratings, sources). */
export function HBars(props: { rows: { label: string; value: number; color?: string }[] }) {
  const max = Math.max(1, ...props.rows.map((r) => r.value));
  return (
    <table class="hbars">
      {props.rows.map((r) => (
        <tr>
          <td style="width:38%">{r.label}</td>
          <td><div class="bar" style={`width:${((r.value / max) * 100).toFixed(1)}%;background:${r.color ?? '#4f46e5'}`}></div></td>
          <td class="num" style="width:60px">{r.value}</td>
        </tr>
      ))}
    </table>
  );
}

/** The smallest "round" maximum whose quarter is a readable tick step. */
function niceMax(v: number): number {
  const step = v / 4;
  const p = Math.pow(10, Math.floor(Math.log10(step)));
  for (const m of [1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= step) return 4 * m * p;
  return 40 * p;
}
