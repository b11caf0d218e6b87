import { startFakeSlack, type FakeSlack } from '../../harness/fake-slack';
import { startTestApp, type TestApp } from '../../support/app';
import { createApiToken } from '../../../src/services/tickets/create-api-token';
import { ManualClock } from '../../../src/domain/clock';

export const dutyChannel = 'C0DUTY00001';
export const intakeChannel = 'C0INTAKE001';

export interface TicketWorld {
  slack: FakeSlack;
  app: TestApp;
  clock: ManualClock;
  token: string;
  stop(): Promise<void>;
}

export async function startTicketWorld(opts: { file?: Record<string, unknown>; slackChannelIntervalMs?: number; channelRateLimitPerSecond?: number; db?: TestApp['db']; clock?: ManualClock } = {}): Promise<TicketWorld> {
  const slack = await startFakeSlack(opts.channelRateLimitPerSecond ? { channelRateLimitPerSecond: opts.channelRateLimitPerSecond } : {});
  slack.allowStandard();
  const clock = opts.clock ?? new ManualClock(Date.parse('2026-03-10T10:00:00Z'));
  const app = await startTestApp({
    slackApiUrl: slack.url,
    clock,
    db: opts.db,
    slackChannelIntervalMs: opts.slackChannelIntervalMs ?? 5,
    file: { intake: { channels: [intakeChannel] }, ...opts.file },
  });
  const { token } = createApiToken({ ctx: app.rt.ctx, input: { name: 'helpdesk' } });
  return {
    slack, app, clock, token,
    async stop() {
      await app.stop();
      await slack.close();
    },
  };
}

export function postTicket(w: TicketWorld, body: unknown, opts: { token?: string | null; raw?: string } = {}) {
  const token = opts.token === undefined ? w.token : opts.token;
  return fetch(`${w.app.url}/api/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: opts.raw ?? JSON.stringify(body),
  });
}

export function ticketRow(w: TicketWorld, id: number) {
  return w.app.db.sqlite.prepare('SELECT * FROM tickets WHERE id = ?').get(id) as Record<string, unknown> & { text: string; status: string; card_ts: string | null };
}

export function count(w: TicketWorld, sql: string, ...args: unknown[]): number {
  return (w.app.db.sqlite.prepare(sql).get(...args) as { n: number }).n;
}
