import { App, LogLevel, SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';
import { formatLogArgs, type Logger } from '../logger';
import type { Clock } from '../../domain/clock';
import { HonoReceiver } from './hono-receiver';

export interface SlackAppOptions {
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl: string;
  clock: Clock;
  log: Logger;
  /** The bot's own user id (from auth.test), so Bolt ignores the app's own messages. */
  botUserId?: string;
  botId?: string;
  onRequest?: (kind: string) => void;
}

/**
 * The Bolt app: over HTTP through our hono route, or in Socket Mode when an
 * app-level token is given. The WebClient retries are kept short: outbound
 * writes go through the outbox, which owns retrying.
 */
export function createSlackApp(opts: SlackAppOptions): { app: App; receiver?: HonoReceiver } {
  const logger = boltLogger(opts.log);
  const clientOptions = { slackApiUrl: opts.apiUrl, retryConfig: { retries: 1, minTimeout: 200, maxTimeout: 1000 } };
  if (opts.appToken) {
    const receiver = new SocketModeReceiver({
      appToken: opts.appToken,
      logger,
      installerOptions: { clientOptions: { slackApiUrl: opts.apiUrl } },
    });
    const app = new App({
      token: opts.botToken,
      receiver,
      logger,
      clientOptions,
      botUserId: opts.botUserId,
      botId: opts.botId,
      tokenVerificationEnabled: false,
    });
    return { app };
  }
  if (!opts.signingSecret) throw new Error('SLACK_SIGNING_SECRET is required without SLACK_APP_TOKEN');
  const receiver = new HonoReceiver({
    signingSecret: opts.signingSecret,
    clock: opts.clock,
    log: opts.log,
    onRequest: opts.onRequest,
  });
  const app = new App({
    token: opts.botToken,
    receiver,
    logger,
    clientOptions,
    botUserId: opts.botUserId,
    botId: opts.botId,
    tokenVerificationEnabled: false,
  });
  return { app, receiver };
}

/** Bolt logs through our pino logger (which redacts secrets). */
function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'bolt' });
  let level = LogLevel.INFO;
  const fmt = formatLogArgs;
  return {
    debug: (...m) => child.debug(fmt(m)),
    info: (...m) => child.info(fmt(m)),
    warn: (...m) => child.warn(fmt(m)),
    error: (...m) => child.error(fmt(m)),
    setLevel: (l) => (level = l),
    getLevel: () => level,
    setName: () => undefined,
  };
}
