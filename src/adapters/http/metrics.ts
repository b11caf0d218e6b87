import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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
  return { registry, httpRequests, httpDuration, slackEvents };
}

export type Metrics = ReturnType<typeof createMetrics>;
