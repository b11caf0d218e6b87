import { afterEach, describe, expect, it } from 'vitest';
import { linkTicketToIssue } from '../../src/services/feedback/link-ticket';
import { teamId } from '../support/app';
import { createLogger } from '../../src/adapters/logger';
import { settle, startFeedbackWorld, type FeedbackWorld } from './support/feedback-app';
import { interactivity, postSlack } from './../harness/webhook-requests';

let w: FeedbackWorld | undefined;
afterEach(async () => {
  await w?.stop();
  w = undefined;
});

async function customer(world: FeedbackWorld, key: string, company: string) {
  await world.app.exec(
    'INSERT INTO customers (workspace_id, key, company, name, email) VALUES (?, ?, ?, ?, ?)',
    teamId,
    key,
    company,
    'Jane Roe',
    'jane@acme.example',
  );
}
const link = (world: FeedbackWorld, ticketId: number, choice: string) =>
  linkTicketToIssue({ ctx: world.app.rt.ctx, input: { ticketId, choice, linkedBy: 'U0OPERATOR' } });

describe('customer data in the tracker', () => {
  it('never reaches a public GitHub repo, even when the config allows it', async () => {
    w = await startFeedbackWorld({ privateRepo: false, allowCustomerData: true });
    await customer(w, 'company:acme', 'Acme');
    w.gh.addIssue('acme/app', 'Slow dashboard');
    await link(w, await w.ticket({ text: 'slow', customerKey: 'company:acme' }), 'github:acme/app#1');
    await settle(w);
    const body = w.gh.repos.get('acme/app')!.issues.get(1)!.comments[0]!.body;
    expect(body).toContain('Reported by 1 customer (1 ticket)');
    expect(body).not.toMatch(/Acme|Jane|jane@/);
  });

  it('is named on a private repo when the config allows it', async () => {
    w = await startFeedbackWorld({ privateRepo: true, allowCustomerData: true });
    await customer(w, 'company:acme', 'Acme');
    w.gh.addIssue('acme/app', 'Slow dashboard');
    await link(w, await w.ticket({ text: 'slow', customerKey: 'company:acme' }), 'github:acme/app#1');
    await settle(w);
    expect(w.gh.repos.get('acme/app')!.issues.get(1)!.comments[0]!.body).toContain('- Acme');
  });

  it('stays out of a private repo when the config does not allow it', async () => {
    w = await startFeedbackWorld({ privateRepo: true, allowCustomerData: false });
    await customer(w, 'company:acme', 'Acme');
    w.gh.addIssue('acme/app', 'Slow dashboard');
    await link(w, await w.ticket({ text: 'slow', customerKey: 'company:acme' }), 'github:acme/app#1');
    await settle(w);
    expect(w.gh.repos.get('acme/app')!.issues.get(1)!.comments[0]!.body).not.toContain('Acme');
  });
});

describe('batching', () => {
  it('links arriving within a minute make one tracker write, and the next one a minute later', async () => {
    w = await startFeedbackWorld();
    w.gh.addIssue('acme/app', 'Batch me');
    for (let i = 0; i < 5; i++)
      await link(w, await w.ticket({ text: `t${i}`, customerKey: `company:c${i}` }), 'github:acme/app#1');
    await settle(w, 2, 1_000);
    const writes = () => w!.gh.requests.filter((r) => r.method !== 'GET' && r.path.includes('/comments')).length;
    expect(writes()).toBe(1);
    await link(w, await w.ticket({ text: 'late', customerKey: 'company:late' }), 'github:acme/app#1');
    await settle(w, 2, 1_000);
    expect(writes()).toBe(1);
    w.clock.advance(60_000);
    await settle(w, 2, 1_000);
    expect(writes()).toBe(2);
    const comments = w.gh.repos.get('acme/app')!.issues.get(1)!.comments;
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('Reported by 6 customers (6 tickets)');
  });
});

describe('rate limits', () => {
  it('GitHub answering 403 rate limit pauses writes for that provider until the time it asked, then writes', async () => {
    w = await startFeedbackWorld();
    w.gh.addIssue('acme/app', 'One');
    w.gh.addIssue('acme/app', 'Two');
    await link(w, await w.ticket({ text: 'x', customerKey: 'company:a' }), 'github:acme/app#1');
    w.gh.fail({
      status: 403,
      message: 'API rate limit exceeded for installation',
      headers: { 'x-ratelimit-remaining': '0', 'retry-after': '120' },
      path: /comments/,
    });
    await settle(w, 1);
    const [row] = await w.app.query<{ status: string; last_error: string; next_attempt_at: number }>(
      "SELECT status, last_error, next_attempt_at FROM outbox WHERE kind = 'feedback.writeback' ORDER BY id LIMIT 1",
    );
    expect(row!.status).toBe('pending');
    expect(row!.last_error).toMatch(/rate limit/i);
    // Another issue linked during the pause is not written either.
    await link(w, await w.ticket({ text: 'y', customerKey: 'company:b' }), 'github:acme/app#2');
    const before = w.gh.requests.filter((r) => r.path.includes('/comments')).length;
    await settle(w, 3, 10_000);
    expect(w.gh.requests.filter((r) => r.path.includes('/comments')).length).toBe(before);
    w.clock.advance(120_000);
    await settle(w, 4, 30_000);
    expect(w.gh.repos.get('acme/app')!.issues.get(1)!.comments).toHaveLength(1);
    expect(w.gh.repos.get('acme/app')!.issues.get(2)!.comments).toHaveLength(1);
  });

  /** Lets the outbox run until `done` holds; the client may be waiting out a short Retry-After meanwhile. */
  async function settleUntil(world: FeedbackWorld, done: () => boolean): Promise<void> {
    for (let i = 0; i < 20 && !done(); i++) await settle(world, 1, 1_000);
  }
  const writebackRows = (world: FeedbackWorld) =>
    world.app.query<{ status: string; attempts: number }>(
      "SELECT status, attempts FROM outbox WHERE kind = 'feedback.writeback' ORDER BY id",
    );

  it.each([
    ['a 403 secondary rate limit', 403],
    ['a 429', 429],
  ])(
    'GitHub answering %s with a short Retry-After is waited out by the client: the write lands in the same attempt, once',
    async (_name, status) => {
      w = await startFeedbackWorld();
      w.gh.addIssue('acme/app', 'One');
      w.gh.fail('issues.createComment', { status, retryAfter: 1 });
      await link(w, await w.ticket({ text: 'x', customerKey: 'company:a' }), 'github:acme/app#1');
      const comments = () => w!.gh.repos.get('acme/app')!.issues.get(1)!.comments;
      await settleUntil(w, () => comments().length > 0);
      expect(comments()).toHaveLength(1);
      expect(comments()[0]!.body).toContain('Reported by 1 customer (1 ticket)');
      // One refused and one accepted call, both inside the outbox's first attempt.
      expect(w.gh.callsTo('issues.createComment')).toHaveLength(2);
      expect(await writebackRows(w)).toEqual([{ status: 'done', attempts: 1 }]);
    },
  );

  it('GitHub asking for a long wait (secondary limit, Retry-After 90 s) is left to the outbox: nothing is sent before then, and the write lands after', async () => {
    w = await startFeedbackWorld();
    w.gh.addIssue('acme/app', 'One');
    w.gh.fail('issues.createComment', { status: 403, retryAfter: 90 });
    await link(w, await w.ticket({ text: 'x', customerKey: 'company:a' }), 'github:acme/app#1');
    await settle(w, 1);
    expect(w.gh.callsTo('issues.createComment')).toHaveLength(1);
    expect(await writebackRows(w)).toEqual([{ status: 'pending', attempts: 1 }]);
    await settle(w, 4, 20_000);
    expect(w.gh.callsTo('issues.createComment')).toHaveLength(1);
    w.clock.advance(10_000);
    await settleUntil(w, () => w!.gh.repos.get('acme/app')!.issues.get(1)!.comments.length > 0);
    expect(w.gh.callsTo('issues.createComment')).toHaveLength(2);
    expect(w.gh.repos.get('acme/app')!.issues.get(1)!.comments).toHaveLength(1);
  });

  it('Linear answering RATELIMITED backs off and writes later, still one attachment', async () => {
    w = await startFeedbackWorld();
    const lin = w.ln.addIssue('ENG', 'Search misses');
    const t = await w.ticket({ text: 'search', customerKey: 'company:a' });
    await link(w, t, `linear:${lin.id}|${lin.identifier}`);
    w.ln.fail({ ratelimited: true, times: 1 });
    await settle(w, 1);
    expect(w.ln.issues.get(lin.id)!.attachments).toHaveLength(0);
    const [row] = await w.app.query<{ status: string; last_error: string }>(
      "SELECT status, last_error FROM outbox WHERE kind = 'feedback.writeback' ORDER BY id LIMIT 1",
    );
    expect(row).toMatchObject({ status: 'pending', last_error: expect.stringMatching(/rate limit/i) });
    w.clock.advance(61_000);
    await settle(w, 3, 30_000);
    expect(w.ln.issues.get(lin.id)!.attachments).toHaveLength(1);
    expect(w.ln.invalid).toEqual([]);
  });
});

describe('credentials', () => {
  it('a tracker refusing our credentials is logged with the reason, never with the GitHub token or the Linear key', async () => {
    const lines: string[] = [];
    w = await startFeedbackWorld({ log: createLogger('debug', { write: (l: string) => void lines.push(l) }) });
    w.gh.addIssue('acme/app', 'One');
    const lin = w.ln.addIssue('ENG', 'Two');
    w.gh.fail({ status: 401, message: 'Bad credentials', path: /comments/, times: 20 });
    w.ln.fail({ status: 401, times: 20 });
    await link(w, await w.ticket({ text: 'x', customerKey: 'company:a' }), 'github:acme/app#1');
    await link(w, await w.ticket({ text: 'y', customerKey: 'company:b' }), `linear:${lin.id}|${lin.identifier}`);
    await settle(w, 3, 30_000);
    const failed = await w.app.query<{ last_error: string }>(
      "SELECT last_error FROM outbox WHERE kind = 'feedback.writeback' AND last_error IS NOT NULL",
    );
    expect(failed.length).toBeGreaterThan(0);
    expect(lines.some((l) => /Bad credentials|401/.test(l))).toBe(true);
    const all = lines.join('\n') + JSON.stringify(failed);
    expect(all).not.toContain('ghp_test');
    expect(all).not.toContain('lin_api_test');
  });
});

describe('creating an issue from a ticket', () => {
  it('prefills title and body without personal data, labels it on GitHub and links it', async () => {
    w = await startFeedbackWorld();
    const t = await w.ticket({
      subject: 'Export button does nothing',
      text: 'Export does nothing. Write me at jane@acme.example or +49 170 1234567',
      customerKey: 'company:acme',
    });
    const user = { id: 'U0OPERATOR', team_id: teamId };
    await postSlack(
      w.app.slackTarget,
      interactivity({
        type: 'block_actions',
        user,
        team: { id: teamId },
        api_app_id: 'A1',
        token: 'x',
        trigger_id: 'trig.9',
        view: {
          id: 'V1',
          hash: 'h',
          type: 'modal',
          callback_id: 'feedback.link_issue',
          private_metadata: JSON.stringify({ ticketId: t }),
        },
        container: { type: 'view', view_id: 'V1' },
        actions: [
          { type: 'button', action_id: 'feedback.create_mode', block_id: 'create', value: String(t), action_ts: '1' },
        ],
      }),
      w.clock.now().getTime(),
    );
    const push = await w.slack.waitForCall('views.push');
    const view = push.args.view as { blocks: { block_id?: string; element?: { initial_value?: string } }[] };
    const title = view.blocks.find((b) => b.block_id === 'title')!.element!.initial_value!;
    const body = view.blocks.find((b) => b.block_id === 'body')!.element!.initial_value!;
    expect(title).toBe('Export button does nothing');
    expect(body).not.toMatch(/jane@|1234567/);

    const res = await postSlack(
      w.app.slackTarget,
      interactivity({
        type: 'view_submission',
        user,
        team: { id: teamId },
        api_app_id: 'A1',
        token: 'x',
        trigger_id: 'trig.10',
        view: {
          id: 'V2',
          type: 'modal',
          callback_id: 'feedback.create_issue',
          hash: 'h',
          private_metadata: JSON.stringify({ ticketId: t }),
          state: {
            values: {
              tracker: {
                value: {
                  type: 'static_select',
                  selected_option: { text: { type: 'plain_text', text: 'GitHub' }, value: 'github' },
                },
              },
              title: { value: { type: 'plain_text_input', value: title } },
              body: { value: { type: 'plain_text_input', value: body } },
            },
          },
        },
      }),
      w.clock.now().getTime(),
    );
    expect(await res.json()).toEqual({ response_action: 'clear' });
    const created = w.gh.repos.get('acme/app')!.issues.get(1)!;
    expect(created).toMatchObject({ title: 'Export button does nothing', labels: ['customer-feedback'] });
    expect(created.body).not.toMatch(/jane@/);
    await settle(w);
    expect(created.comments[0]!.body).toContain('Reported by 1 customer (1 ticket)');
  });
});

describe('creating an issue in a public repository', () => {
  it('strips e-mails and phone numbers typed into the form even when customer data is allowed', async () => {
    w = await startFeedbackWorld({ privateRepo: false, allowCustomerData: true });
    const t = await w.ticket({ text: 'Export broken', customerKey: 'company:acme' });
    const { createIssueFromTicket } = await import('../../src/services/feedback/create-issue');
    await createIssueFromTicket({
      ctx: w.app.rt.ctx,
      input: {
        ticketId: t,
        provider: 'github',
        title: 'Export broken',
        body: 'Mail jane@acme.example',
        linkedBy: 'U0OPERATOR',
      },
    });
    expect(w.gh.repos.get('acme/app')!.issues.get(1)!.body).toBe('Mail [e-mail removed]');
  });
});
