/** Fires `rate` requests per second for `seconds` and returns the latency of each, in ms. */
export async function constantRate(opts: {
  rate: number;
  seconds: number;
  send: (i: number) => Promise<void>;
}): Promise<number[]> {
  const latencies: number[] = [];
  const total = opts.rate * opts.seconds;
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / opts.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const t0 = performance.now();
    pending.push(opts.send(i).then(() => void latencies.push(performance.now() - t0)));
  }
  await Promise.all(pending);
  return latencies;
}

/** Runs `clients` loops in parallel for `seconds`; returns how many calls completed. */
export async function closedLoop(opts: {
  clients: number;
  seconds: number;
  send: (client: number, i: number) => Promise<void>;
}): Promise<{ count: number; latencies: number[] }> {
  const end = performance.now() + opts.seconds * 1000;
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: opts.clients }, async (_, client) => {
      for (let i = 0; performance.now() < end; i++) {
        const t0 = performance.now();
        await opts.send(client, i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { count: latencies.length, latencies };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function ms(v: number): string {
  return `${v.toFixed(v < 10 ? 2 : 1)} ms`;
}

/** Times `fn` `n` times (after `warmup` runs) and returns the latencies in ms. */
export async function timeIt(n: number, fn: () => unknown, warmup = 3): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/** Waits (up to 30 s) until `read` gives `expected`; throws naming `what` and the last value if it never does. */
export async function settles(read: () => Promise<number> | number, expected: number, what: string): Promise<void> {
  const end = performance.now() + 30_000;
  let seen = await read();
  while (seen !== expected) {
    if (performance.now() > end) throw new Error(`${what}: ${seen} of ${expected}`);
    await new Promise((r) => setTimeout(r, 100));
    seen = await read();
  }
}
