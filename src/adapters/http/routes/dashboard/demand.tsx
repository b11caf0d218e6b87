import type { Context } from 'hono';
import { demandWindows, isDemandWindow, windowRange } from '../../../../domain/feedback/demand';
import { getDemand, type DemandBoardRow } from '../../../../services/feedback/get-demand';
import { Sparkline } from '../../../web/charts';
import { Layout, type Viewer } from '../../../web/layout';
import { BadParam } from './errors';
import { fmtShort } from './format';
import type { PageDeps } from './page-deps';

export const demandSorts = ['customers', 'tickets', 'change', 'title', 'state', 'lastSeen'] as const;
type Sort = (typeof demandSorts)[number];
const windowLabel: Record<string, string> = { '7d': '7 days', '30d': '30 days', '90d': '90 days', all: 'All time' };

const sorters: Record<Sort, (a: DemandBoardRow, b: DemandBoardRow) => number> = {
  customers: (a, b) => a.customers - b.customers,
  tickets: (a, b) => a.tickets - b.tickets,
  change: (a, b) => (a.customersChange ?? 0) - (b.customersChange ?? 0),
  title: (a, b) => b.title.localeCompare(a.title),
  state: (a, b) => b.state.localeCompare(a.state),
  lastSeen: (a, b) => a.lastSeen - b.lastSeen,
};

export async function demandPage(c: Context, { ctx, web }: PageDeps, viewer: Viewer | null) {
  const window = c.req.query('window') ?? '30d';
  if (!isDemandWindow(window)) throw new BadParam('window', window, demandWindows);
  const sort = (c.req.query('sort') ?? 'customers') as Sort;
  if (!demandSorts.includes(sort)) throw new BadParam('sort', sort, demandSorts);
  const dir = c.req.query('dir') ?? 'desc';
  if (dir !== 'asc' && dir !== 'desc') throw new BadParam('dir', dir, ['asc', 'desc']);
  const rows = await getDemand({ ctx, input: { window } });
  // Stable: ties keep the board's own order (customers, then tickets).
  const ordered = rows
    .map((r, i) => ({ r, i }))
    .sort((x, y) => {
      const d = sorters[sort](x.r, y.r);
      return (dir === 'desc' ? -d : d) || x.i - y.i;
    })
    .map((x) => x.r);
  const now = ctx.clock.now().getTime();
  const weekly = await web.reads.weeklyTicketsByIssue(
    ctx.workspaceId,
    rows.map((r) => r.issueId),
    now,
  );
  const zone = ctx.config.file.timezone;
  const range = windowRange(window, now);
  const totalCustomers = await web.reads.distinctCustomersBetween(ctx.workspaceId, range.from, range.to);
  const totalTickets = rows.reduce((a, r) => a + r.tickets, 0);
  const link = (s: Sort) => `/?window=${window}&sort=${s}&dir=${sort === s && dir === 'desc' ? 'asc' : 'desc'}`;
  const Th = (p: { s: Sort; label: string; num?: boolean }) => (
    <th class={p.num ? 'num' : ''} aria-sort={sort === p.s ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <a href={link(p.s)} class={sort === p.s ? 'on' : ''} data-sort={p.s}>
        {p.label}
        {sort === p.s ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}
      </a>
    </th>
  );
  return c.html(
    <Layout title="Demand" active="/" viewer={viewer}>
      <h1>Customer demand by issue</h1>
      <p class="sub">
        Linked GitHub and Linear issues ranked by how many distinct customers raised them —{' '}
        {windowLabel[window]!.toLowerCase()}
        {window === 'all' ? '' : ', compared with the window before'}.
      </p>
      <div class="grid g3">
        <div class="card stat">
          <div class="n" id="stat-issues">
            {rows.length}
          </div>
          <div class="l">issues with demand</div>
        </div>
        <div class="card stat">
          <div class="n" id="stat-customers">
            {totalCustomers}
          </div>
          <div class="l">distinct customers behind them</div>
        </div>
        <div class="card stat">
          <div class="n" id="stat-tickets">
            {totalTickets}
          </div>
          <div class="l">linked tickets</div>
        </div>
      </div>
      <div class="card">
        <div class="toolbar">
          <nav class="tabs" aria-label="window">
            {demandWindows.map((w) => (
              <a
                href={`/?window=${w}&sort=${sort}&dir=${dir}`}
                class={w === window ? 'on' : ''}
                data-window={w}
                aria-current={w === window ? 'page' : undefined}
              >
                {windowLabel[w]}
              </a>
            ))}
          </nav>
          <a class="btn" id="csv" href={`/api/demand?window=${window}&format=csv`} download={`demand-${window}.csv`}>
            ⬇ CSV
          </a>
        </div>
        <section class="scroll" tabindex={0} aria-label="Issues by demand">
          <table id="demand">
            <thead>
              <tr>
                <th class="num">#</th>
                <Th s="title" label="Issue" />
                <Th s="customers" label="Customers" num />
                <Th s="tickets" label="Tickets" num />
                {window === 'all' ? null : <Th s="change" label="Change" num />}
                <Th s="state" label="State" />
                <th>Last 12 weeks</th>
                <Th s="lastSeen" label="Last seen" />
              </tr>
            </thead>
            <tbody>
              {ordered.map((r, i) => (
                <tr data-issue={r.issueId} data-href={`/issues/${r.issueId}`}>
                  <td class="num muted">{i + 1}</td>
                  <td>
                    <a href={`/issues/${r.issueId}`}>{r.title}</a>
                    <div class="key">
                      {r.provider === 'github' ? 'GitHub' : 'Linear'} · {r.key}
                    </div>
                  </td>
                  <td class="num" data-col="customers">
                    <strong>{r.customers}</strong>
                  </td>
                  <td class="num" data-col="tickets">
                    {r.tickets}
                  </td>
                  {window === 'all' ? null : (
                    <td class="num" data-col="change">
                      <Change v={r.customersChange} />
                    </td>
                  )}
                  <td>
                    <span class={`pill ${r.state}`}>{r.state}</span>
                  </td>
                  <td>
                    <Sparkline values={weekly.get(r.issueId) ?? []} label={`weekly tickets for ${r.key}`} />
                  </td>
                  <td class="small muted">{fmtShort(r.lastSeen, zone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        {rows.length === 0 ? <p class="muted">No linked tickets in this window yet.</p> : null}
      </div>
    </Layout>,
  );
}

function Change(p: { v: number | null }) {
  if (p.v === null) return <span class="flat">—</span>;
  if (p.v > 0) return <span class="up">+{p.v}</span>;
  if (p.v < 0) return <span class="down">{String(p.v).replace('-', '−')}</span>;
  return <span class="flat">±0</span>;
}
