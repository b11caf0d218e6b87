import { Worker } from 'node:worker_threads';
import { blockActionRequest, type SignedSlackRequest, type SlackTarget } from '../tests/harness/slack-requests';

/**
 * Sends signed Slack requests from a worker thread: the first `warmup` one at
 * a time, then the rest at `rate` per second, each timed from its send to its
 * answer. Slack posts from machines of its own; building, signing and sending
 * 200 requests a second on the server's event loop would time the bench's own
 * client as much as dutyloop's ack.
 */
const sender = `
const { workerData, parentPort } = require('node:worker_threads');
const http = require('node:http');
const { url, requests, warmup, rate } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const send = ({ body, headers }) => new Promise((resolve, reject) => {
  const req = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
    (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
  req.on('error', reject);
  req.end(body);
});
(async () => {
  for (const r of requests.slice(0, warmup)) await send(r);
  const timed = requests.slice(warmup);
  const latencies = [];
  const statuses = [];
  const start = performance.now();
  const pending = timed.map(async (r, i) => {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((done) => setTimeout(done, wait));
    const t0 = performance.now();
    const status = await send(r);
    latencies.push(performance.now() - t0);
    statuses.push(status);
  });
  await Promise.all(pending);
  agent.destroy();
  parentPort.postMessage({ latencies, statuses });
})().catch((err) => parentPort.postMessage({ error: String(err) }));
`;

export async function sendFromAnotherThread(opts: {
  url: string;
  requests: SignedSlackRequest[];
  warmup: number;
  rate: number;
}): Promise<{ latencies: number[]; statuses: number[] }> {
  const worker = new Worker(sender, { eval: true, workerData: opts });
  try {
    const out = await new Promise<{ latencies: number[]; statuses: number[]; error?: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    if (out.error) throw new Error(`the click sender failed: ${out.error}`);
    return out;
  } finally {
    await worker.terminate();
  }
}

/**
 * Claim clicks on 1,100 cards (`ids`) from another thread: the last hundred
 * first, one at a time, to warm the code paths up, then the first thousand at
 * 200/s. Their ack latencies; throws if any click was not answered 200.
 */
export async function claimClicksAt200PerSecond(
  target: SlackTarget,
  ids: number[],
  responseUrl: (i: number) => string,
): Promise<number[]> {
  const order = [...ids.slice(1000), ...ids.slice(0, 1000)];
  const { latencies, statuses } = await sendFromAnotherThread({
    url: target.url,
    requests: order.map((id, i) =>
      blockActionRequest(target, {
        action_id: 'ticket.claim',
        value: String(id),
        user_id: `U0BENCH${i % 7}`,
        response_url: responseUrl(i),
      }),
    ),
    warmup: 100,
    rate: 200,
  });
  const refused = statuses.filter((s) => s !== 200).length;
  if (refused) throw new Error(`${refused} claim clicks were not answered 200`);
  return latencies;
}
