import { teamId } from '../tests/support/app';
import { startFeedbackWorld } from '../tests/feedback/support/feedback-app';
import { interactivity, postSlack } from '../tests/harness/webhook-requests';
import { readDemand, runAlone, withDemandServer } from './demand-server';
import type { BenchRow, BenchSection } from './rows';

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
};

/** GET /api/demand through the real server (its read worker) over the generated 1,000,000-ticket dataset in a SQLite file. */
async function demandRows(): Promise<BenchRow[]> {
  return withDemandServer(async (server) => {
    const timeWindow = async (window: string) => {
      for (let i = 0; i < 5; i++) await readDemand(server, window);
      const times: number[] = [];
      for (let i = 0; i < 200; i++) {
        const s = performance.now();
        await readDemand(server, window);
        times.push(performance.now() - s);
      }
      return times;
    };
    const rows: BenchRow[] = [
      {
        name: 'Generate dataset (1M tickets, 200k links, 20k issues)',
        value: `${(server.generateMs / 1000).toFixed(1)} s`,
      },
    ];
    for (const window of ['30d', 'all']) {
      const times = await timeWindow(window);
      const p95 = quantile(times, 0.95);
      rows.push(
        { name: `GET /api/demand?window=${window} p50 (1M tickets)`, value: `${quantile(times, 0.5).toFixed(1)} ms` },
        {
          name: `GET /api/demand?window=${window} p95 (1M tickets)`,
          value: `${p95.toFixed(1)} ms`,
          target: '≤ 50 ms',
          ok: p95 <= 50,
        },
      );
    }
    return rows;
  });
}

/** Link-to-issue: button press to views.open at Slack, and the search box's answer, with trackers answering in 50 ms. */
async function linkRows(): Promise<BenchRow[]> {
  const w = await startFeedbackWorld();
  w.gh.delayMs = 50;
  w.ln.delayMs = 50;
  for (let i = 0; i < 30; i++) {
    w.gh.addIssue('acme/app', `Export problem ${i}`);
    w.ln.addIssue('ENG', `Export problem ${i}`);
  }
  const ticketId = await w.ticket({ text: 'Export problem with large files', customerKey: 'company:acme' });
  const user = { id: 'U0OPERATOR', team_id: teamId };
  try {
    const open: number[] = [];
    for (let i = 0; i < 200; i++) {
      const before = w.slack.of('views.open').length;
      const s = performance.now();
      w.clock.set(Date.now());
      await postSlack(
        w.app.slackTarget,
        interactivity({
          type: 'block_actions',
          user,
          team: { id: teamId },
          api_app_id: 'A1',
          token: 'x',
          trigger_id: `t.${i}`,
          container: { type: 'message', message_ts: '1.1', channel_id: 'C0DUTY00001' },
          channel: { id: 'C0DUTY00001' },
          actions: [
            {
              type: 'button',
              action_id: 'ticket.link_issue',
              block_id: 'card',
              value: String(ticketId),
              action_ts: '1',
            },
          ],
        }),
        w.clock.now().getTime(),
      );
      while (w.slack.of('views.open').length === before) await new Promise((r) => setImmediate(r));
      open.push(performance.now() - s);
    }
    const search: number[] = [];
    for (let i = 0; i < 50; i++) {
      const s = performance.now();
      await (
        await postSlack(
          w.app.slackTarget,
          interactivity({
            type: 'block_suggestion',
            user,
            team: { id: teamId },
            api_app_id: 'A1',
            token: 'x',
            action_id: 'feedback.issue_search',
            block_id: 'issue',
            value: 'export',
            view: {
              id: 'V1',
              type: 'modal',
              callback_id: 'feedback.link_issue',
              private_metadata: JSON.stringify({ ticketId }),
            },
          }),
          Date.now(),
        )
      ).text();
      search.push(performance.now() - s);
    }
    const p99 = quantile(open, 0.99);
    const sp99 = quantile(search, 0.99);
    return [
      {
        name: 'Link to issue: button to modal shown p99 (trackers 50 ms)',
        value: `${p99.toFixed(1)} ms`,
        target: '≤ 300 ms',
        ok: p99 <= 300,
      },
      {
        name: 'Link to issue: search box options p99 (GitHub + Linear 50 ms)',
        value: `${sp99.toFixed(1)} ms`,
        target: '≤ 3000 ms (Slack limit)',
        ok: sp99 <= 3000,
      },
    ];
  } finally {
    await w.stop();
  }
}

export const section: BenchSection = async () => [...(await linkRows()), ...(await demandRows())];

await runAlone(import.meta.url, section);
