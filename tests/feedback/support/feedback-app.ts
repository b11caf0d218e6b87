import type { Logger } from '../../../src/adapters/logger';
import { ManualClock } from '../../../src/domain/clock';
import { startTestApp, teamId, type TestApp } from '../../support/app';
import { startFakeGitHub, type FakeGitHub } from '../../harness/fake-github';
import { startFakeLinear, type FakeLinear } from '../../harness/fake-linear';
import { startFakeSlack, type FakeSlack } from '../../harness/fake-slack';

export const githubSecret = 'gh-webhook-secret';
export const linearSecret = 'linear-webhook-secret';

export interface FeedbackWorld {
  app: TestApp;
  gh: FakeGitHub;
  ln: FakeLinear;
  slack: FakeSlack;
  clock: ManualClock;
  /** Inserts a ticket (as the tickets area would) with a card in the duty channel. */
  ticket(input: {
    text: string;
    subject?: string;
    customerKey?: string;
    createdAt?: number;
    cardTs?: string;
  }): Promise<number>;
  stop(): Promise<void>;
}

let cardSeq = 0;

export async function startFeedbackWorld(
  opts: {
    file?: Record<string, unknown>;
    now?: string;
    privateRepo?: boolean;
    allowCustomerData?: boolean;
    log?: Logger;
  } = {},
): Promise<FeedbackWorld> {
  const [gh, ln, slack] = await Promise.all([
    startFakeGitHub(),
    startFakeLinear(),
    startFakeSlack().then((s) => s.allowStandard()),
  ]);
  gh.addRepo('acme/app', opts.privateRepo ?? false);
  ln.addTeam('ENG');
  const clock = new ManualClock(opts.now ?? new Date().toISOString());
  const app = await startTestApp({
    slackApiUrl: slack.url,
    clock,
    log: opts.log,
    env: {
      GITHUB_TOKEN: 'ghp_test',
      GITHUB_API_URL: gh.url,
      GITHUB_WEBHOOK_SECRET: githubSecret,
      LINEAR_API_KEY: 'lin_api_test',
      LINEAR_API_URL: ln.url,
      LINEAR_WEBHOOK_SECRET: linearSecret,
      PUBLIC_URL: 'https://dutyloop.example.com',
    },
    file: {
      feedback: {
        productChannel: 'C0PRODUCT01',
        allowCustomerData: opts.allowCustomerData ?? false,
        github: { repos: ['acme/app'] },
        linear: { teams: ['ENG'] },
      },
      ...opts.file,
    },
  });
  return {
    app,
    gh,
    ln,
    slack,
    clock,
    async ticket({ text, subject, customerKey, createdAt, cardTs }) {
      const at = createdAt ?? clock.now().getTime();
      const ts = cardTs ?? `1690000000.${String(++cardSeq).padStart(6, '0')}`;
      const [row] = await app.query<{ id: number }>(
        `INSERT INTO tickets (workspace_id, source, external_id, customer_key, subject, text, status, card_channel_id, card_ts, created_at, updated_at)
         VALUES (?, 'api', ?, ?, ?, ?, 'open', 'C0DUTY00001', ?, ?, ?) RETURNING id`,
        teamId,
        `t-${ts}`,
        customerKey ?? null,
        subject ?? null,
        text,
        ts,
        at,
        at,
      );
      return Number(row!.id);
    },
    async stop() {
      await app.stop();
      slack.assertNoUnexpectedCalls();
      await Promise.all([gh.stop(), ln.stop(), slack.close()]);
    },
  };
}

/**
 * Lets the outbox send what is due. Slack posts in one channel are paced by
 * the (manual) clock, so the clock is moved on a little between rounds.
 */
export async function settle(w: FeedbackWorld, rounds = 4, stepMs = 1_200): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await Promise.race([w.app.rt.outbox.idle(), new Promise((r) => setTimeout(r, 300))]);
    w.clock.advance(stepMs);
    w.app.rt.outbox.kick();
    await new Promise((r) => setTimeout(r, 20));
  }
  await Promise.race([w.app.rt.outbox.idle(), new Promise((r) => setTimeout(r, 300))]);
}
