/**
 * The running app beside fake Slack, GitHub and Linear, set up as an
 * organisation with two duty teams, an intake channel and both trackers; and
 * the small helpers the ground-truth drive needs (cards seen in the duty
 * channel, waiting for a listener that works after Slack's ack, sign-in).
 */
import { ManualClock } from '../../../src/domain/clock';
import { createApiToken } from '../../../src/services/tickets/create-api-token';
import { startFakeGitHub, type FakeGitHub } from '../../harness/fake-github';
import { startFakeLinear, type FakeLinear } from '../../harness/fake-linear';
import { startFakeSlack, type FakeSlack } from '../../harness/fake-slack';
import { startTestApp, type TestApp } from '../../support/app';
import { channels, githubIssues, linearIssues, operators } from './ground-truth-plan';
import { rotation, teams, zone } from './ground-truth-zone';

export interface Card {
  ticketId: number;
  ts: string;
}

export interface GroundTruthWorld {
  app: TestApp;
  slack: FakeSlack;
  gh: FakeGitHub;
  ln: FakeLinear;
  clock: ManualClock;
  apiToken: string;
  /** The search-box value of the planned issue `i` (what the link modal submits) and its key on the board. */
  issueChoice(i: number): string;
  issueKey(i: number): string;
  /** The card posted for the ticket whose text carries `tag`; waits for the outbox to post it and record it. */
  card(tag: string): Promise<Card>;
  /** Moves the app's clock and the fake Slack's (rate-limit windows) to `at` together. */
  setTime(at: number): void;
  /** A person's message in a channel, as Slack's history will answer it (for the :ticket: reaction). */
  addHumanMessage(m: { channel: string; ts: string; user: string; text: string }): void;
  /** Polls (without moving the clock) until `probe` is true: for listeners that work after Slack's ack. */
  until(probe: () => boolean | Promise<boolean>, what: string): Promise<void>;
  /** The demand numbers the issue's tracker shows: dutyloop's GitHub comment, or its Linear attachment's subtitle. */
  trackerText(key: string): string | undefined;
  /** A session cookie of a workspace member, through Sign in with Slack. */
  signIn(userId: string): Promise<string>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startGroundTruthWorld(start: number): Promise<GroundTruthWorld> {
  const [gh, ln, slack] = await Promise.all([
    startFakeGitHub(),
    startFakeLinear(),
    startFakeSlack().then((s) => s.allowStandard()),
  ]);
  gh.addRepo('acme/app', true);
  ln.addTeam('ENG');
  const ghKeys = Array.from(
    { length: githubIssues },
    (_, i) => `acme/app#${gh.addIssue('acme/app', `GitHub issue ${i}`).number}`,
  );
  const lin = Array.from({ length: linearIssues }, (_, i) => ln.addIssue('ENG', `Linear issue ${i}`));
  for (const t of teams)
    for (const m of t.members) slack.addUser({ id: m, name: m.toLowerCase(), real_name: `Member ${m}` });
  for (const o of operators) slack.addUser({ id: o, name: o.toLowerCase(), real_name: `Operator ${o}` });

  // People's messages: the fake's own store holds what the bot posted.
  const human = new Map<string, { user: string; text: string }>();
  slack.allow('conversations.history', (a) => {
    const m = human.get(`${a.channel}:${a.latest}`);
    return {
      ok: true,
      messages: m ? [{ type: 'message', user: m.user, text: m.text, ts: a.latest }] : [],
      has_more: false,
      response_metadata: { next_cursor: '' },
    };
  });

  const clock = new ManualClock(start);
  const app = await startTestApp({
    slackApiUrl: slack.url,
    clock,
    background: false,
    // Unpaced: the clock only moves when the test moves it, so a paced lane would wait for a tick that never comes.
    slackChannelIntervalMs: 0,
    env: {
      GITHUB_TOKEN: 'ghp_test',
      GITHUB_API_URL: gh.url,
      GITHUB_WEBHOOK_SECRET: 'gh-secret',
      LINEAR_API_KEY: 'lin_api_test',
      LINEAR_API_URL: ln.url,
      LINEAR_WEBHOOK_SECRET: 'linear-secret',
      PUBLIC_URL: 'https://dutyloop.example.com',
      SLACK_CLIENT_ID: '1234567890.987654321',
      SLACK_CLIENT_SECRET: 'client-secret-x',
    },
    file: {
      timezone: zone,
      intake: { channels: [channels.intake] },
      teams: teams.map((t) => ({ name: t.name, lead: t.lead, members: t.members })),
      rotation: {
        periodDays: rotation.periodDays,
        handoff: { weekday: 'monday', time: `${rotation.handoffHour}:00` },
        anchor: rotation.anchorDate,
      },
      feedback: { productChannel: 'C0PRODUCT01', github: { repos: ['acme/app'] }, linear: { teams: ['ENG'] } },
    },
  });
  // Only the outbox runs: the scheduler's jobs (nudges, handoffs, digest) would act on a clock the test moves by hand.
  app.rt.outbox.start();
  const { token: apiToken } = await createApiToken({ ctx: app.rt.ctx, input: { name: 'helpdesk' } });

  const cards = new Map<string, Card>();
  /** Tags whose card the app has recorded on its ticket. */
  const recorded = new Set<string>();
  let scanned = 0;
  const scanCards = () => {
    const messages = slack.state.messages;
    if (messages.length < scanned) scanned = 0;
    for (; scanned < messages.length; scanned++) {
      const m = messages[scanned]!;
      if (m.channel !== channels.duty || m.thread_ts) continue;
      const blocks = (m.blocks ?? []) as {
        text?: { text?: string };
        elements?: { action_id?: string; value?: string }[];
      }[];
      const tag = blocks.map((b) => /^\[(gt\d+)\]/.exec(b.text?.text ?? '')?.[1]).find(Boolean);
      const link = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'ticket.link_issue');
      if (tag && link?.value && !cards.has(tag)) cards.set(tag, { ticketId: Number(link.value), ts: m.ts });
    }
  };

  // What the app holds, for a failure message only: the test's numbers never come from here.
  const diagnose = async (tag: string) => {
    const [t] = await app.query<{ id: number; card_ts: string | null }>(
      'SELECT id, card_ts FROM tickets WHERE text LIKE ?',
      `[${tag}]%`,
    );
    const pending = await app.query(
      "SELECT kind, lane, status, attempts, last_error FROM outbox WHERE status != 'done' LIMIT 5",
    );
    return `ticket ${t ? `#${t.id}, card ${t.card_ts}` : 'not stored'}; unsent writes ${JSON.stringify(pending)}; refusals ${JSON.stringify(slack.refusals.slice(-3))}`;
  };

  const until = async (probe: () => boolean | Promise<boolean>, what: string) => {
    // Generous: two cores shared with other test runs can be slow.
    const giveUp = Date.now() + 20_000;
    for (let i = 0; Date.now() < giveUp; i++) {
      if (await probe()) return;
      // Most listeners are done within a few turns of the event loop.
      await (i < 50 ? new Promise((r) => setImmediate(r)) : sleep(2));
    }
    if (await probe()) return;
    throw new Error(`timed out waiting for ${what}`);
  };

  return {
    app,
    slack,
    gh,
    ln,
    clock,
    apiToken,
    issueChoice: (i) =>
      i < githubIssues
        ? `github:${ghKeys[i]}`
        : `linear:${lin[i - githubIssues]!.id}|${lin[i - githubIssues]!.identifier}`,
    issueKey: (i) => (i < githubIssues ? ghKeys[i]! : lin[i - githubIssues]!.identifier),
    async card(tag) {
      // Posted, and recorded on the ticket (a step after the post): a reply in its thread is matched by that record.
      await until(async () => {
        if (recorded.has(tag)) return true;
        scanCards();
        const card = cards.get(tag);
        if (
          card &&
          (await app.query('SELECT 1 FROM tickets WHERE id = ? AND card_ts = ?', card.ticketId, card.ts)).length
        )
          recorded.add(tag);
        return recorded.has(tag);
      }, `the card of ${tag}`).catch(async (err: Error) => {
        throw new Error(`${err.message}; ${await diagnose(tag)}`);
      });
      return cards.get(tag)!;
    },
    until,
    setTime(at) {
      slack.advanceClock(Math.max(0, at - clock.now().getTime()));
      clock.set(at);
    },
    trackerText(key) {
      const number = /^acme\/app#(\d+)$/.exec(key)?.[1];
      if (number)
        return gh.repos
          .get('acme/app')!
          .issues.get(Number(number))!
          .comments.find((c) => c.body.includes('Reported by'))?.body;
      const issue = lin.find((l) => l.identifier === key)!;
      return ln.issues.get(issue.id)!.attachments.find((a) => a.title?.includes('dutyloop'))?.subtitle ?? undefined;
    },
    addHumanMessage(m) {
      human.set(`${m.channel}:${m.ts}`, { user: m.user, text: m.text });
    },
    async signIn(userId) {
      const login = await fetch(`${app.url}/auth/login?next=%2Fhealth`, { redirect: 'manual' });
      const state = new URL(login.headers.get('location')!).searchParams.get('state');
      const stateCookie = login.headers
        .getSetCookie()
        .find((c) => c.startsWith('dutyloop_oidc_state='))!
        .split(';')[0]!;
      slack.setOpenIdCode('code-ground-truth', userId);
      const cb = await fetch(`${app.url}/auth/callback?code=code-ground-truth&state=${state}`, {
        redirect: 'manual',
        headers: { cookie: stateCookie },
      });
      const session = cb.headers.getSetCookie().find((c) => c.startsWith('dutyloop_session='));
      if (!session) throw new Error(`sign-in failed with ${cb.status}`);
      return session.split(';')[0]!;
    },
    async stop() {
      await app.stop();
      slack.assertNoUnexpectedCalls();
      await Promise.all([gh.stop(), ln.stop(), slack.close()]);
    },
  };
}
