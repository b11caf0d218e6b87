import type { TopicRow } from '../../../../services/knowledge/get-topics';
import { fmtMin } from './format';

/** How many topics the Health page lists. */
export const healthTopicCount = 8;

const change = (r: TopicRow) => {
  if (r.previous === null) return '—';
  const d = r.tickets - r.previous;
  return d > 0 ? `+${d}` : d < 0 ? `−${-d}` : '0';
};
const hours = (h: number | null) => (h === null ? '—' : `${h.toFixed(1)} h`);

/**
 * The most frequent topics of the last 30 days beside the 30 before: counts,
 * change and medians, no verdicts. The table scrolls inside its own card on a phone.
 */
export function TopTopics({ rows }: { rows: TopicRow[] }) {
  const shown = rows.filter((r) => r.tickets > 0 || (r.previous ?? 0) > 0).slice(0, healthTopicCount);
  const other = rows.find((r) => r.topic === 'other');
  return (
    <div class="card" id="topics">
      <h2>Top topics, last 30 days</h2>
      {shown.length === 0 ? (
        <p class="sub">No tickets in the last 60 days.</p>
      ) : (
        <section class="scroll" tabindex={0} aria-label="Tickets per topic, last 30 days against the 30 before">
          <table id="topics-table">
            <thead>
              <tr>
                <th scope="col">Topic</th>
                <th scope="col" class="num">
                  Tickets
                </th>
                <th scope="col" class="num">
                  30 days before
                </th>
                <th scope="col" class="num">
                  Change
                </th>
                <th scope="col" class="num">
                  Customers
                </th>
                <th scope="col" class="num">
                  Median first response
                </th>
                <th scope="col" class="num">
                  Median resolution
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr data-topic={r.topic}>
                  <td>{r.topic}</td>
                  <td class="num" data-col="tickets">
                    {r.tickets}
                  </td>
                  <td class="num" data-col="previous">
                    {r.previous ?? '—'}
                  </td>
                  <td class="num" data-col="change">
                    {change(r)}
                  </td>
                  <td class="num" data-col="customers">
                    {r.customers}
                  </td>
                  <td class="num">{fmtMin(r.medianFirstResponseMinutes)}</td>
                  <td class="num">{hours(r.medianResolutionHours)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {other?.otherTerms?.length ? (
        <p class="sub" id="other-terms">
          Most frequent words in tickets of no topic (tickets):{' '}
          {other.otherTerms.map((t) => `${t.term} (${t.tickets})`).join(', ')}
        </p>
      ) : null}
    </div>
  );
}
