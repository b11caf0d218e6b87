import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CallObserver } from '../outbound-calls';

/** Prometheus metrics for GET /metrics (prom-client: the text format and histograms done right). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'dutyloop_' });
  const httpRequests = new Counter({
    name: 'dutyloop_http_requests_total',
    help: 'HTTP requests handled, by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'dutyloop_http_request_duration_seconds',
    help: 'HTTP request latency, by route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const slackEvents = new Counter({
    name: 'dutyloop_slack_requests_total',
    help: 'Slack requests received, by kind',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const outboundCalls = new Counter({
    name: 'dutyloop_outbound_calls_total',
    help: 'Calls to Slack, GitHub and Linear, by service, method and outcome (ok, 429, 5xx, network, permanent)',
    labelNames: ['service', 'method', 'outcome'] as const,
    registers: [registry],
  });
  const webhookDeliveries = new Counter({
    name: 'dutyloop_webhook_deliveries_total',
    help: 'Webhook deliveries received, by source and result',
    labelNames: ['source', 'result'] as const,
    registers: [registry],
  });
  const ticketsCreated = new Counter({
    name: 'dutyloop_tickets_created_total',
    help: 'Tickets created, by source',
    labelNames: ['source'] as const,
    registers: [registry],
  });
  const jobRuns = new Counter({
    name: 'dutyloop_job_runs_total',
    help: 'Scheduled job runs, by job and result (ok, failed)',
    labelNames: ['job', 'result'] as const,
    registers: [registry],
  });
  const schedulerLeader = new Gauge({
    name: 'dutyloop_scheduler_leader',
    help: '1 while this process runs the scheduled jobs',
    registers: [registry],
  });
  let outboxStats: () => Promise<{ laneKind: string; pending: number; oldestCreatedAt: number }[]> = async () => [];
  let now: () => number = Date.now;
  // Both outbox gauges come from one read of the table per scrape.
  let snapshot: { at: number; stats: ReturnType<typeof outboxStats> } | undefined;
  const outboxSnapshot = () => {
    const at = Date.now();
    if (!snapshot || at - snapshot.at > 1000) snapshot = { at, stats: outboxStats() };
    return snapshot.stats;
  };
  new Gauge({
    name: 'dutyloop_outbox_pending',
    help: 'Outbound writes not yet done, by lane kind',
    labelNames: ['lane_kind'] as const,
    registers: [registry],
    async collect() {
      const stats = await outboxSnapshot();
      this.reset();
      for (const s of stats) this.set({ lane_kind: s.laneKind }, s.pending);
    },
  });
  new Gauge({
    name: 'dutyloop_outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest outbound write not yet done, by lane kind',
    labelNames: ['lane_kind'] as const,
    registers: [registry],
    async collect() {
      const stats = await outboxSnapshot();
      this.reset();
      for (const s of stats) this.set({ lane_kind: s.laneKind }, Math.max(0, (now() - s.oldestCreatedAt) / 1000));
    },
  });
  const onCall: CallObserver = (service, method, outcome) => outboundCalls.inc({ service, method, outcome });
  return {
    registry,
    httpRequests,
    httpDuration,
    slackEvents,
    outboundCalls,
    onCall,
    webhookDeliveries,
    ticketsCreated,
    jobRuns,
    schedulerLeader,
    /** Where the outbox gauges read from at each scrape, and the clock their ages are reckoned by. */
    watchOutbox(stats: typeof outboxStats, clock: () => number) {
      outboxStats = stats;
      now = clock;
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
