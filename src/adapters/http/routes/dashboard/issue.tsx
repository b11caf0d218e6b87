import type { Context } from 'hono';
import { DateTime } from 'luxon';
import { NotFoundError } from '../../../../domain/errors';
import { getIssueDemand } from '../../../../services/feedback/get-issue-demand';
import { Legend, WeeklyChart } from '../../../web/charts';
import { Layout, type Viewer } from '../../../web/layout';
import type { IssuePrecedentRow } from '../../../../services/ports/knowledge-store';
import { BadParam } from './errors';
import { fmtAge, fmtDay, fmtShort } from './format';
import type { PageDeps } from './page-deps';

const recentLimit = 50;
const precedentsLimit = 20;

export async function issuePage(c: Context, { ctx, web }: PageDeps, viewer: Viewer | null) {
  const raw = c.req.param('id') ?? '';
  if (!/^\d{1,12}$/.test(raw)) throw new NotFoundError(`No issue ${raw}`);
  const show = c.req.query('tickets') ?? 'recent';
  if (show !== 'recent' && show !== 'all') throw new BadParam('tickets', show, ['recent', 'all']);
  const d = await getIssueDemand({ ctx, input: { issueId: Number(raw) } });
  const zone = ctx.config.file.timezone;
  const now = ctx.clock.now().getTime();
  const companies = await web.reads.customerLabels(
    ctx.workspaceId,
    d.tickets.map((t) => t.customerKey),
  );
  // Every week from the first ticket to now, empty weeks included.
  const byWeek = new Map(d.weekly.map((w) => [w.weekStart, w]));
  const weeks: number[] = [];
  if (d.weekly.length) {
    let w = DateTime.fromMillis(d.weekly[0]!.weekStart, { zone });
    const end = DateTime.fromMillis(now, { zone }).startOf('week').toMillis();
    while (w.toMillis() <= end) {
      weeks.push(w.toMillis());
      w = w.plus({ weeks: 1 });
    }
  }
  const first = d.tickets.length ? Math.min(...d.tickets.map((t) => t.createdAt)) : null;
  const last = d.tickets.length ? Math.max(...d.tickets.map((t) => t.createdAt)) : null;
  const customers = new Set(d.tickets.map((t) => t.customerKey)).size;
  const { issue } = d;
  const precedents = await ctx.repos.precedents.issuePrecedents(ctx.workspaceId, issue.id, precedentsLimit);
  const nameOf = await web.reads.memberNames(ctx.workspaceId);
  return c.html(
    <Layout title={issue.title} active="/" viewer={viewer}>
      <p class="small">
        <a href="/">← Demand board</a>
      </p>
      <h1>{issue.title}</h1>
      <p class="sub">
        <span class={`pill ${issue.state}`}>{issue.state}</span>{' '}
        <a href={issue.url} rel="noopener noreferrer">
          {issue.provider === 'github' ? 'GitHub' : 'Linear'} {issue.key}
        </a>
      </p>
      <div class="grid g4">
        <div class="card stat">
          <div class="n" id="stat-customers">
            {customers}
          </div>
          <div class="l">distinct customers</div>
        </div>
        <div class="card stat">
          <div class="n" id="stat-tickets">
            {d.tickets.length}
          </div>
          <div class="l">linked tickets</div>
        </div>
        <div class="card stat">
          <div class="n">{first ? fmtShort(first, zone) : '—'}</div>
          <div class="l">first seen</div>
        </div>
        <div class="card stat">
          <div class="n">{last ? fmtShort(last, zone) : '—'}</div>
          <div class="l">last seen</div>
        </div>
      </div>
      <div class="card">
        <div class="toolbar">
          <h2>Per week</h2>
          <Legend
            items={[
              { name: 'tickets', color: '#6366f1' },
              { name: 'customers', color: '#1e1b4b' },
            ]}
          />
        </div>
        <WeeklyChart
          id="chart-weekly"
          title="Tickets and distinct customers per week"
          labels={weeks.map((w) => fmtShort(w, zone))}
          series={[
            { name: 'tickets', color: '#6366f1', kind: 'bar', values: weeks.map((w) => byWeek.get(w)?.tickets ?? 0) },
            {
              name: 'customers',
              color: '#1e1b4b',
              kind: 'line',
              values: weeks.map((w) => byWeek.get(w)?.customers ?? 0),
            },
          ]}
        />
      </div>
      <div class="card">
        <div class="toolbar">
          <h2>Linked tickets</h2>
          {d.tickets.length > recentLimit ? (
            show === 'all' ? (
              <a href={`/issues/${issue.id}`}>Show the {recentLimit} newest</a>
            ) : (
              <a href={`/issues/${issue.id}?tickets=all`} id="all-tickets">
                Showing the {recentLimit} newest — show all {d.tickets.length}
              </a>
            )
          ) : null}
        </div>
        <section class="scroll" tabindex={0} aria-label="Linked tickets">
          <table id="tickets">
            <thead>
              <tr>
                <th>Ticket</th>
                <th>Customer</th>
                <th>Status</th>
                <th class="num">Age</th>
                <th>Opened</th>
              </tr>
            </thead>
            <tbody>
              {(show === 'all' ? d.tickets : d.tickets.slice(0, recentLimit)).map((t) => (
                <tr data-ticket={t.ticketId}>
                  <td>
                    <div class="quote" title={t.text}>
                      “{t.text}”
                    </div>
                    <div class="key">
                      #{t.ticketId}
                      {t.permalink ? (
                        <>
                          {' '}
                          · <a href={t.permalink}>thread</a>
                        </>
                      ) : null}
                    </div>
                  </td>
                  <td>{companies.get(t.customerKey) ?? '—'}</td>
                  <td>
                    <span class={`pill ${t.status}`}>{t.status}</span>
                  </td>
                  <td class="num">{fmtAge(now - t.createdAt)}</td>
                  <td class="small muted">{fmtDay(t.createdAt, zone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <Precedents rows={precedents} nameOf={nameOf} zone={zone} />
    </Layout>,
  );
}

/** How this issue's tickets were solved: offered to the next person who meets it, and searched by /duty kb. */
function Precedents({
  rows,
  nameOf,
  zone,
}: {
  rows: IssuePrecedentRow[];
  nameOf: (id: string) => string;
  zone: string;
}) {
  return (
    <div class="card" id="precedents">
      <h2>Precedents</h2>
      <p class="small muted">
        The {precedentsLimit} most recently resolved tickets linked to this issue, with how each was solved. They are
        offered in the thread of new tickets that look alike, and found by <code>/duty kb</code>.
      </p>
      {rows.length === 0 ? (
        <p>No ticket linked to this issue has been resolved yet.</p>
      ) : (
        <section class="scroll" tabindex={0} aria-label="Precedents">
          <table id="precedent-tickets">
            <thead>
              <tr>
                <th>Ticket</th>
                <th>Resolution</th>
                <th>Resolved by</th>
                <th>Resolved</th>
                <th class="num">Helped</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr data-precedent={p.ticketId}>
                  <td>
                    <div class="quote" title={p.subject ?? p.text}>
                      {p.subject ?? p.text}
                    </div>
                    <div class="key">
                      #{p.ticketId}
                      {p.permalink ? (
                        <>
                          {' '}
                          · <a href={p.permalink}>thread</a>
                        </>
                      ) : null}
                    </div>
                  </td>
                  <td>{p.resolution ?? '—'}</td>
                  <td>{p.resolvedBy ? nameOf(p.resolvedBy) : '—'}</td>
                  <td class="small muted">{fmtDay(p.resolvedAt, zone)}</td>
                  <td class="num">{p.helped}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
