import { startFakeSlack, type FakeSlack } from '../../harness/fake-slack';
import { startTestApp, type TestApp } from '../../support/app';
import { createApiToken } from '../../../src/services/tickets/create-api-token';
import { ManualClock } from '../../../src/domain/clock';

export const dutyChannel = 'C0DUTY00001';
export const intakeChannel = 'C0INTAKE001';
export const lead = 'U0LEAD00001';
export const dev = 'U0DEV000001';

/** Polls until `fn` returns a truthy value (listeners run after Slack's ack). */
export async function until<T>(fn: () => T | Promise<T>, timeoutMs = 3000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A hand-moved clock that also runs with real time, so paced outbox lanes drain while tests jump ahead. */
export class RunningClock extends ManualClock {
  private readonly started = Date.now();
  override now(): Date {
    return new Date(super.now().getTime() + (Date.now() - this.started));
  }
}

export interface TicketWorld {
  slack: FakeSlack;
  app: TestApp;
  clock: ManualClock;
  token: string;
  stop(): Promise<void>;
}

export async function startTicketWorld(
  opts: {
    file?: Record<string, unknown>;
    slackChannelIntervalMs?: number;
    channelRateLimitPerSecond?: number;
    db?: TestApp['db'];
    clock?: ManualClock;
    withTeam?: boolean;
    slack?: FakeSlack;
    /** Environment for the app, such as a DATABASE_URL of the test's own. */
    env?: Record<string, string>;
  } = {},
): Promise<TicketWorld> {
  const slack =
    opts.slack ??
    (await startFakeSlack(
      opts.channelRateLimitPerSecond ? { channelRateLimitPerSecond: opts.channelRateLimitPerSecond } : {},
    ));
  if (!opts.slack) slack.allowStandard();
  const team = opts.withTeam
    ? {
        teams: [{ name: 'Otters', lead: lead, members: [lead, dev] }],
        rotation: { periodDays: 14, handoff: { weekday: 'monday', time: '10:00' }, anchor: '2026-03-02' },
      }
    : {};
  if (opts.withTeam)
    for (const [id, name] of [
      [lead, 'Lea Lead'],
      [dev, 'Dev Dana'],
    ])
      slack.addUser({ id: id!, name: name!.toLowerCase(), real_name: name! });
  // Now: Slack request signatures are checked against the app's clock.
  const clock = opts.clock ?? new RunningClock(Date.now());
  const app = await startTestApp({
    slackApiUrl: slack.url,
    clock,
    db: opts.db,
    env: opts.env,
    slackChannelIntervalMs: opts.slackChannelIntervalMs ?? 5,
    file: { intake: { channels: [intakeChannel] }, ...team, ...opts.file },
  });
  const { token } = await createApiToken({ ctx: app.rt.ctx, input: { name: 'helpdesk' } });
  return {
    slack,
    app,
    clock,
    token,
    async stop() {
      await app.stop();
      if (!opts.slack) await slack.close();
    },
  };
}

export interface ApiPostOptions {
  /** The API token; null sends none; the world's own by default. */
  token?: string | null;
  /** A body sent as it is, instead of `body` as JSON. */
  raw?: string;
}

/** A JSON POST to the server's API, as a helpdesk sends it. */
export function postApi(w: TicketWorld, path: string, body: unknown, opts: ApiPostOptions = {}) {
  const token = opts.token === undefined ? w.token : opts.token;
  return fetch(`${w.app.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: opts.raw ?? JSON.stringify(body),
  });
}

export function postTicket(w: TicketWorld, body: unknown, opts: ApiPostOptions = {}) {
  return postApi(w, '/api/tickets', body, opts);
}

export async function ticketRow(w: TicketWorld, id: number) {
  const [row] = await w.app.query<Record<string, unknown> & { text: string; status: string; card_ts: string | null }>(
    'SELECT * FROM tickets WHERE id = ?',
    id,
  );
  return row!;
}

/** The `n` of a `SELECT count(*) n …` on the app's database, whichever engine. */
export async function count(w: TicketWorld, sql: string, ...args: unknown[]): Promise<number> {
  const [row] = await w.app.query<{ n: number }>(sql, ...args);
  return Number(row!.n);
}
