import { createHmac } from 'node:crypto';
import { startFakeSlack } from '../tests/harness/fake-slack';
import { signingSecret, startTestApp } from '../tests/support/app';
import { systemClock } from '../src/domain/clock';
import { readDemand, runAlone, withDemandServer } from './demand-server';
import { constantRate, ms, percentile } from './load';
import type { BenchRow, BenchSection } from './rows';

/** Sends one signed `/duty help` slash command and waits for its ack. */
async function sendHelp(target: { url: string }, responseUrl: string, i: number): Promise<void> {
  const body = new URLSearchParams({
    command: '/duty',
    text: 'help',
    user_id: 'U0BENCH0001',
    channel_id: 'C0DUTY00001',
    team_id: 'T0TESTTEAM',
    response_url: responseUrl,
    trigger_id: `bench.${i}`,
    token: 'x',
    api_app_id: 'A0BENCH',
  }).toString();
  const ts = Math.floor(Date.now() / 1000).toString();
  const sig = `v0=${createHmac('sha256', signingSecret).update(`v0:${ts}:${body}`).digest('hex')}`;
  const res = await fetch(target.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-signature': sig,
      'x-slack-request-timestamp': ts,
    },
    body,
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`ack status ${res.status}`);
}

/** Ack latency of signed `/duty help` slash commands at 200 requests/s for 10 s. */
async function ackRows(): Promise<BenchRow[]> {
  const slack = await startFakeSlack();
  slack.allowStandard();
  const app = await startTestApp({ slackApiUrl: slack.url, clock: systemClock });
  try {
    const responseUrl = slack.responseUrl('bench');
    const latencies = await constantRate({
      rate: 200,
      seconds: 10,
      send: (i) => sendHelp(app.slackTarget, responseUrl, i),
    });
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    return [
      { name: 'Slack ack, /duty help at 200 req/s × 10 s — p50', value: ms(p50) },
      { name: 'Slack ack, /duty help at 200 req/s × 10 s — p99', value: ms(p99), target: '≤ 50 ms', ok: p99 <= 50 },
    ];
  } finally {
    await app.stop();
    await slack.close();
  }
}

/**
 * The same acks on a server holding the 1,000,000-ticket dataset in a file,
 * first alone, then while /api/demand is read at 5 requests/s cycling its four
 * windows: a demand read must not hold the event loop that answers Slack.
 */
async function ackUnderDemandRows(): Promise<BenchRow[]> {
  return withDemandServer(async (server) => {
    const windows = ['7d', '30d', '90d', 'all'];
    // Warm-up: both request paths compiled and the read worker's pages cached before anything is measured.
    await Promise.all([
      constantRate({
        rate: 200,
        seconds: 2,
        send: (i) => sendHelp(server.slackTarget, server.responseUrl, 20_000 + i),
      }),
      constantRate({ rate: 5, seconds: 2, send: (i) => readDemand(server, windows[i % windows.length]!) }),
    ]);
    const quiet = await constantRate({
      rate: 200,
      seconds: 10,
      send: (i) => sendHelp(server.slackTarget, server.responseUrl, i),
    });
    const demandTimes: number[] = [];
    const [loaded] = await Promise.all([
      constantRate({
        rate: 200,
        seconds: 10,
        send: (i) => sendHelp(server.slackTarget, server.responseUrl, 10_000 + i),
      }),
      constantRate({ rate: 5, seconds: 10, send: (i) => readDemand(server, windows[i % windows.length]!) }).then((t) =>
        demandTimes.push(...t),
      ),
    ]);
    const quietP99 = percentile(quiet, 99);
    const loadedP99 = percentile(loaded, 99);
    return [
      {
        name: 'Slack ack, /duty help at 200 req/s, 1M-ticket file db, no demand reads — p99',
        value: ms(quietP99),
        target: '≤ 50 ms',
        ok: quietP99 <= 50,
      },
      {
        name: 'Slack ack, /duty help at 200 req/s while /api/demand 5 req/s (7d/30d/90d/all) — p99',
        value: ms(loadedP99),
        target: '≤ 50 ms',
        ok: loadedP99 <= 50,
      },
      { name: 'Slack ack, same, while /api/demand is read — max', value: ms(Math.max(...loaded)) },
      { name: '/api/demand during that load (four windows) — p95', value: ms(percentile(demandTimes, 95)) },
    ];
  });
}

export const section: BenchSection = async () => [...(await ackRows()), ...(await ackUnderDemandRows())];

await runAlone(import.meta.url, section);
