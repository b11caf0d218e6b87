import { createHmac } from 'node:crypto';
import { startFakeSlack } from '../tests/harness/fake-slack';
import { signingSecret, startTestApp } from '../tests/support/app';
import { systemClock } from '../src/domain/clock';
import { constantRate, ms, percentile } from './load';
import type { BenchSection } from './rows';

/** Ack latency of signed `/duty help` slash commands at 200 requests/s for 10 s. */
export const section: BenchSection = async () => {
  const slack = await startFakeSlack();
  slack.allowStandard();
  const app = await startTestApp({ slackApiUrl: slack.url, clock: systemClock });
  try {
    const responseUrl = slack.responseUrl('bench');
    const send = async (i: number) => {
      const body = new URLSearchParams({
        command: '/duty', text: 'help', user_id: 'U0BENCH0001', channel_id: 'C0DUTY00001', team_id: 'T0TESTTEAM',
        response_url: responseUrl, trigger_id: `bench.${i}`, token: 'x', api_app_id: 'A0BENCH',
      }).toString();
      const ts = Math.floor(Date.now() / 1000).toString();
      const sig = `v0=${createHmac('sha256', signingSecret).update(`v0:${ts}:${body}`).digest('hex')}`;
      const res = await fetch(app.slackTarget.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-signature': sig, 'x-slack-request-timestamp': ts },
        body,
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`ack status ${res.status}`);
    };
    const latencies = await constantRate({ rate: 200, seconds: 10, send });
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
};
