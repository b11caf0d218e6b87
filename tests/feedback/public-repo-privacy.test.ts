import { afterEach, describe, expect, it } from 'vitest';
import { reconcileIssues } from '../../src/services/feedback/reconcile-issues';
import { createIssueFromTicket } from '../../src/services/feedback/create-issue';
import { linkTicketToIssue } from '../../src/services/feedback/link-ticket';
import { teamId } from '../support/app';
import { settle, startFeedbackWorld, type FeedbackWorld } from './support/feedback-app';

let w: FeedbackWorld | undefined;
afterEach(async () => {
  await w?.stop();
  w = undefined;
});

async function customer(world: FeedbackWorld, key: string, company: string, name: string, email: string) {
  await world.app.exec(
    'INSERT INTO customers (workspace_id, key, company, name, email) VALUES (?, ?, ?, ?, ?)',
    teamId,
    key,
    company,
    name,
    email,
  );
}
const link = (world: FeedbackWorld, ticketId: number, choice: string) =>
  linkTicketToIssue({ ctx: world.app.rt.ctx, input: { ticketId, choice, linkedBy: 'U0OPERATOR' } });
const comment = (world: FeedbackWorld) => world.gh.repos.get('acme/app')!.issues.get(1)!.comments[0]!.body;
const storedPrivate = async (world: FeedbackWorld) =>
  (await world.app.query<{ p: number }>('SELECT is_private AS p FROM tracker_issues'))[0]!.p;

describe('a GitHub repository made public', () => {
  it('stops receiving customer names at its next write-back, even when the config allows them', async () => {
    w = await startFeedbackWorld({ privateRepo: true, allowCustomerData: true });
    await customer(w, 'company:acme', 'Acme Corp', 'Jane Roe', 'jane@acme.example');
    await customer(w, 'company:globex', 'Globex', 'Hank Scorpio', 'hank@globex.example');
    w.gh.addIssue('acme/app', 'Slow dashboard');
    await link(w, await w.ticket({ text: 'slow', customerKey: 'company:acme' }), 'github:acme/app#1');
    await settle(w);
    expect(comment(w)).toContain('- Acme Corp');

    w.gh.repos.get('acme/app')!.private = false;
    // Past the visibility cache's lifetime: the next write reads the repository again.
    w.clock.advance(6 * 60_000);
    await link(w, await w.ticket({ text: 'slow again', customerKey: 'company:globex' }), 'github:acme/app#1');
    await settle(w);
    expect(comment(w)).toContain('Reported by 2 customers (2 tickets)');
    expect(comment(w)).not.toMatch(/Acme|Globex|Jane|Hank|@/);
    expect(await storedPrivate(w)).toBe(0);
  });

  it('has its comment rewritten without names by the reconcile run, with no new link needed', async () => {
    w = await startFeedbackWorld({ privateRepo: true, allowCustomerData: true });
    await customer(w, 'company:acme', 'Acme Corp', 'Jane Roe', 'jane@acme.example');
    w.gh.addIssue('acme/app', 'Slow dashboard');
    await link(w, await w.ticket({ text: 'slow', customerKey: 'company:acme' }), 'github:acme/app#1');
    await settle(w);
    expect(comment(w)).toContain('- Acme Corp');

    w.gh.repos.get('acme/app')!.private = false;
    w.clock.advance(61_000);
    await reconcileIssues({ ctx: w.app.rt.ctx });
    await settle(w);
    expect(await storedPrivate(w)).toBe(0);
    expect(comment(w)).toContain('Reported by 1 customer (1 ticket)');
    expect(comment(w)).not.toContain('Acme');
  });
});

describe('an issue created from a ticket', () => {
  const quote =
    'Jane Roe from Acme Corp here (<@U0CUST0001> in Slack, jane@acme.example, +49 170 1234567): Jane cannot export. Ask Acme corp admins.';

  it('in a public repository carries no name, company, e-mail, phone, Slack id or Customer line', async () => {
    w = await startFeedbackWorld({ privateRepo: false, allowCustomerData: true });
    await customer(w, 'company:acme', 'Acme Corp', 'Jane Roe', 'jane@acme.example');
    const t = await w.ticket({ text: quote, customerKey: 'company:acme' });
    const body = `Reported through support.\n\n> ${quote}\n\nCustomer: Acme Corp (U0CUST0001)`;
    await createIssueFromTicket({
      ctx: w.app.rt.ctx,
      input: { ticketId: t, provider: 'github', title: 'Export fails for Acme Corp', body, linkedBy: 'U0OPERATOR' },
    });
    const created = w.gh.repos.get('acme/app')!.issues.get(1)!;
    const sent = `${created.title}\n${created.body}`;
    expect(sent).not.toMatch(/Jane|Roe|Acme|U0CUST0001|jane@|1234567|Customer:/i);
    expect(created.body).toContain('[customer removed] cannot export');
    expect(created.title).toBe('Export fails for [customer removed]');
  });

  it("reads the repository's visibility when it is created, not from an earlier answer", async () => {
    w = await startFeedbackWorld({ privateRepo: true, allowCustomerData: true });
    await customer(w, 'company:acme', 'Acme Corp', 'Jane Roe', 'jane@acme.example');
    w.gh.addIssue('acme/app', 'Slow dashboard');
    await link(w, await w.ticket({ text: 'slow', customerKey: 'company:acme' }), 'github:acme/app#1');
    await settle(w);
    w.gh.repos.get('acme/app')!.private = false;
    const t = await w.ticket({ text: quote, customerKey: 'company:acme' });
    await createIssueFromTicket({
      ctx: w.app.rt.ctx,
      input: {
        ticketId: t,
        provider: 'github',
        title: 'Export fails',
        body: `> ${quote}\n\nCustomer: Acme Corp`,
        linkedBy: 'U0OPERATOR',
      },
    });
    expect(w.gh.repos.get('acme/app')!.issues.get(2)!.body).not.toMatch(/Jane|Acme|Customer:/);
  });

  it('in a private repository keeps the customer when the config allows it', async () => {
    w = await startFeedbackWorld({ privateRepo: true, allowCustomerData: true });
    await customer(w, 'company:acme', 'Acme Corp', 'Jane Roe', 'jane@acme.example');
    const t = await w.ticket({ text: quote, customerKey: 'company:acme' });
    await createIssueFromTicket({
      ctx: w.app.rt.ctx,
      input: {
        ticketId: t,
        provider: 'github',
        title: 'Export fails',
        body: `> ${quote}\n\nCustomer: Acme Corp`,
        linkedBy: 'U0OPERATOR',
      },
    });
    expect(w.gh.repos.get('acme/app')!.issues.get(1)!.body).toContain('Customer: Acme Corp');
  });
});
