import { serve, type ServerType } from '@hono/node-server';
import { randomBytes } from 'node:crypto';
import { deriveKey } from '../adapters/signed-values';
import type { AddressInfo } from 'node:net';
import type { DbHandle } from '../adapters/db/client';
import { openStorage } from '../adapters/db/storage';
import { createHttpApp, type HttpAppOptions } from '../adapters/http/app';
import { createMetrics } from '../adapters/http/metrics';
import { Scheduler } from '../adapters/jobs/scheduler';
import { OutboxWorker } from '../adapters/outbox/worker';
import { createSlackApp } from '../adapters/slack/app';
import { registerListeners } from '../adapters/slack/listeners';
import { createSlackClient } from '../adapters/slack/web-client';
import { createTrackers } from '../adapters/trackers';
import { loadRunbookLibrary } from '../adapters/knowledge/runbooks';
import { systemClock, type Clock } from '../domain/clock';
import type { AppConfig } from './config';
import { jobs, outboxHandlers, startupHooks } from './plug-in-points';
import { createLogger, type Logger } from '../adapters/logger';
import type { Runtime } from './runtime';
import { createContext } from './context';

export interface StartOptions {
  config: AppConfig;
  mode: Runtime['mode'];
  clock?: Clock;
  log?: Logger;
  /** 0 picks a free port (tests). */
  port?: number;
  host?: string;
  /** An already open database (tests use an in-memory one). */
  db?: DbHandle;
  /** Tests drive jobs and the outbox by hand when false. */
  background?: boolean;
  /** Minimum ms between two messages to one Slack channel (Slack allows about one a second). */
  slackChannelIntervalMs?: number;
}

export interface Running {
  rt: Runtime;
  url: string;
  port: number;
  stop(): Promise<void>;
}

const slackPostLane = /^slack:post:/;

export async function startDutyloop(opts: StartOptions): Promise<Running> {
  const { config } = opts;
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? createLogger(config.env.logLevel);
  const metrics = createMetrics();
  const storage = await openStorage(config.env.databaseUrl, {
    sqlite: opts.db,
    poolSize: config.env.databasePoolSize,
    observer: { ticketCreated: (source) => metrics.ticketsCreated.inc({ source }) },
  });
  for (const warning of storage.warnings) log.warn({ database: storage.engine }, `database: ${warning}`);

  const slackEnabled = opts.mode !== 'demo' && !!config.env.slack.botToken;
  const slack = slackEnabled
    ? createSlackClient({ token: config.env.slack.botToken!, apiUrl: config.env.slack.apiUrl, onCall: metrics.onCall })
    : undefined;

  let botUserId: string | undefined;
  let botId: string | undefined;
  let workspaceId = config.file.workspace?.id;
  if (slack) {
    const auth = await slack.auth.test();
    botUserId = auth.user_id;
    botId = auth.bot_id;
    workspaceId ??= auth.team_id;
  }
  workspaceId ??= 'TDEMO';
  await storage.workspaces.ensure(workspaceId, config.file.workspace?.name);

  const trackers = opts.mode === 'demo' ? {} : await createTrackers(config, log, metrics.onCall);
  const secretSource = config.env.slack.signingSecret ?? config.env.slack.appToken;
  const secret = secretSource
    ? deriveKey(secretSource, 'dutyloop:links-and-sessions')
    : randomBytes(32).toString('hex');

  const outboxQueue = storage.queue;
  const outbox = new OutboxWorker({
    queue: outboxQueue,
    clock,
    log,
    laneInterval: (lane) =>
      slackPostLane.test(lane) ? (opts.slackChannelIntervalMs ?? config.env.slack.postIntervalMs) : 0,
  });
  const scheduler = new Scheduler(
    log,
    (job, result) => metrics.jobRuns.inc({ job, result }),
    storage.leadership,
    (leading) => metrics.schedulerLeader.set(leading ? 1 : 0),
  );
  // One process on one SQLite file runs every scheduled job; on PostgreSQL the scheduler says once it knows.
  metrics.schedulerLeader.set(storage.engine === 'sqlite' ? 1 : 0);
  metrics.watchOutbox(
    () => outboxQueue.pendingByLaneKind(),
    () => clock.now().getTime(),
  );
  const runbooks = loadRunbookLibrary({ dir: config.file.knowledge.runbooks, publicUrl: config.env.publicUrl, log });
  const { ctx, uow } = createContext({
    storage,
    clock,
    log,
    config,
    workspaceId,
    slack,
    trackers,
    runbooks,
  });
  uow.onCommitWithOutbox(() => outbox.kick());
  const rt: Runtime = {
    ctx,
    storage,
    outbox,
    scheduler,
    metrics,
    slack,
    mode: opts.mode,
    secret,
  };

  for (const hook of startupHooks) await hook(rt);
  for (const make of outboxHandlers) for (const [kind, h] of Object.entries(make(rt))) outbox.register(kind, h);
  for (const make of jobs) for (const job of make(rt)) scheduler.add(job);

  let slackHandler: HttpAppOptions['slackHandler'];
  if (slack && config.env.slack.botToken) {
    const { app, receiver } = createSlackApp({
      botToken: config.env.slack.botToken,
      signingSecret: config.env.slack.signingSecret,
      appToken: config.env.slack.appToken,
      apiUrl: config.env.slack.apiUrl,
      clock,
      log,
      botUserId,
      botId,
      onRequest: (kind) => metrics.slackEvents.inc({ kind }),
    });
    rt.bolt = app;
    registerListeners(app, ctx, slack);
    app.error(async (err) => {
      log.error({ err }, 'slack: unhandled listener error');
    });
    if (receiver) slackHandler = (c) => receiver.handle(c);
    else await app.start();
  }

  const web = { secret, mode: opts.mode, metrics, reads: storage.reads, engine: storage.engine };
  const http = createHttpApp({ ctx, web }, { slackHandler });
  const server: ServerType = await new Promise((resolve) => {
    // 128 KiB of request line and headers: GET /api/similar carries a 10,000-character question, percent-encoded up to 12 bytes a character.
    const s = serve(
      {
        fetch: http.fetch,
        port: opts.port ?? config.env.port,
        hostname: opts.host ?? '0.0.0.0',
        serverOptions: { maxHeaderSize: 128 * 1024 },
      },
      () => resolve(s),
    );
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  if (opts.background !== false) {
    outbox.start();
    scheduler.start();
  }
  log.info(
    { port, mode: opts.mode, workspaceId, socketMode: !!config.env.slack.appToken && slackEnabled },
    'dutyloop is listening',
  );

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rt.bolt?.stop().catch(() => undefined);
      await scheduler.stop();
      await outbox.stop();
      runbooks.close();
      await storage.close();
      log.info('dutyloop stopped');
    })());
  return { rt, url, port, stop };
}
