import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { postDigest } from '../../src/services/feedback/post-digest';
import { ticketCardBlocks, type CardTicket } from '../../src/adapters/slack/blocks/ticket-card';
import { escapeMrkdwn, mentionUser, mrkdwnLink } from '../../src/domain/text/mrkdwn';
import { runHandoff } from '../../src/services/rotation/run-handoff';
import { startFakeGitHub, type FakeGitHub } from '../harness/fake-github';
import { startFakeSlack, type FakeSlack } from '../harness/fake-slack';
import {
  messageEvent,
  postBlockAction,
  postEvent,
  postSlashCommand,
  postViewSubmission,
} from '../harness/slack-requests';
import { interactivity, postGitHubWebhook, postSlack } from '../harness/webhook-requests';
import { startTestApp, type TestApp } from '../support/app';
import { createApiToken } from '../../src/services/tickets/create-api-token';
import { dev, dutyChannel, intakeChannel, lead, RunningClock, until } from './support/world';

/** Everything an outsider might try to make the duty channel render live. */
const live = ['<!channel>', '<!here>', '<@U0ATTACK>', '<https://phish.example|'];
const evil = '<!channel> <!here> <@U0ATTACK> <https://phish.example|Sign in again> & Co';
const evilUrl = 'https://x.example/a|b<c>';
const githubSecret = 'gh-webhook-secret';
const repo = 'Codertocat/Hello-World';

describe('the escaping helper', () => {
  it('escapes &, < and >, and links only http(s) URLs built from the parsed URL', () => {
    expect(escapeMrkdwn('<!channel> & <@U1>')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt;');
    expect(mrkdwnLink('javascript:alert(1)', 'click <me>')).toBe('click &lt;me&gt;');
    expect(mrkdwnLink('mailto:a@b.c', 'mail')).toBe('mail');
    expect(mrkdwnLink('not a url', 'x')).toBe('x');
    expect(mrkdwnLink(evilUrl, 'zendesk')).toBe('<https://x.example/a%7Cb%3Cc%3E|zendesk>');
    expect(mrkdwnLink('https://x.example/a b?q=<!here>#x|y', 'k')).toBe(
      '<https://x.example/a%20b?q=%3C!here%3E#x%7Cy|k>',
    );
    expect(mentionUser('U0DEV000001')).toBe('<@U0DEV000001>');
    expect(mentionUser('U0DEV> <!channel')).toBe('U0DEV&gt; &lt;!channel');
  });

  it('a ticket card never links a javascript: url and shows its source as plain text', () => {
    const t: CardTicket = {
      id: 3,
      source: evil,
      subject: evil,
      text: evil,
      url: 'javascript:alert(document.cookie)',
      permalink: 'javascript:alert(2)',
      priority: 'normal',
      status: 'open',
      requesterSlackId: null,
      customerName: evil,
      customerEmail: null,
      customerCompany: evil,
      originChannelId: null,
      claimedBy: null,
      resolvedBy: null,
      resolution: null,
      createdAt: Date.UTC(2026, 10, 24),
      reopened: false,
      files: [{ name: evil, permalink: 'http://files.example/x' }],
    };
    const card = JSON.stringify(ticketCardBlocks(t, null));
    expect(card).not.toContain('javascript:');
    expect(card).not.toContain('<http://files.example');
    for (const s of live) expect(mrkdwnTexts(ticketCardBlocks(t, null)).join('\n')).not.toContain(s);
    const resolved = ticketCardBlocks(
      { ...t, status: 'resolved', resolvedBy: 'U0DEV> <!channel', resolution: evil },
      null,
    );
    for (const s of live) expect(mrkdwnTexts(resolved).join('\n')).not.toContain(s);
  });
});

/** Every `text` Slack would render as mrkdwn: top-level `text`, and mrkdwn objects anywhere in blocks, attachments or views. */
function mrkdwnTexts(args: Record<string, unknown>): string[] {
  const out: string[] = [];
  if (typeof args.text === 'string') out.push(args.text);
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const item of v) walk(item);
      return;
    }
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
    for (const [k, child] of Object.entries(o)) if (k !== 'text' || typeof child === 'object') walk(child);
  };
  for (const key of ['blocks', 'attachments', 'view']) walk(args[key]);
  return out;
}

let slack: FakeSlack | undefined;
let gh: FakeGitHub | undefined;
let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  slack?.assertNoUnexpectedCalls();
  await slack?.close();
  await gh?.stop();
  app = slack = gh = undefined;
});

const operator = 'U0OPERATOR1';
const customer = 'U0CUSTOMER1';
const closedFixture = () => {
  const p = JSON.parse(
    fs.readFileSync(new URL('../fixtures/github/webhooks/issues/opened.json', import.meta.url), 'utf8'),
  );
  return {
    ...p,
    action: 'closed',
    issue: {
      ...p.issue,
      title: `Export ${evil}`,
      state: 'closed',
      state_reason: 'completed',
      closed_at: '2026-11-20T10:00:00Z',
    },
  };
};

describe('outside text in every message dutyloop sends about a ticket', () => {
  it('an API ticket and a Slack ticket full of mentions and phishing links: card, burst card, threads, DMs, notices, handoff and digest carry none of them live', async () => {
    slack = (await startFakeSlack()).allowStandard();
    // A Slack display name is anyone's to choose too: it reaches the handoff's leaderboard.
    slack
      .addUser({ id: lead, name: 'lea', real_name: 'Lea Lead' })
      .addUser({ id: dev, name: 'dana', real_name: `Dana ${evil}` });
    gh = await startFakeGitHub();
    gh.addRepo(repo);
    gh.addIssue(repo, `Export ${evil}`);
    const clock = new RunningClock(Date.now());
    app = await startTestApp({
      slackApiUrl: slack.url,
      clock,
      slackChannelIntervalMs: 25,
      env: {
        GITHUB_TOKEN: 'ghp_test',
        GITHUB_API_URL: gh.url,
        GITHUB_WEBHOOK_SECRET: githubSecret,
        PUBLIC_URL: 'https://dutyloop.example.com',
      },
      file: {
        intake: { channels: [intakeChannel] },
        teams: [{ name: 'Otters', lead, members: [lead, dev] }],
        rotation: { periodDays: 14, handoff: { weekday: 'monday', time: '10:00' }, anchor: '2026-03-02' },
        feedback: { productChannel: 'C0PRODUCT01', github: { repos: [repo] } },
      },
    });
    const a = app;
    const { token } = await createApiToken({ ctx: a.rt.ctx, input: { name: 'helpdesk' } });
    const settle = async () => {
      await new Promise((r) => setTimeout(r, 60));
      await a.rt.outbox.idle();
    };
    const sqlGet = async <T>(sql: string, ...args: unknown[]) => (await a.query<T>(sql, ...args))[0]!;

    // Enough API tickets at once for a burst card, each with outside text in every field.
    const apiTicket = (i: number) => ({
      source: '<!channel> <@U0ATTACK> & zd',
      externalId: `evil-${i}`,
      customer: { id: `c${i}`, name: evil, company: evil },
      subject: evil,
      text: `${evil} checkout`,
      url: evilUrl,
    });
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        fetch(`${a.url}/api/tickets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(apiTicket(i)),
        }),
      ),
    );
    if (created[0]!.status !== 201) throw new Error(await created[0]!.text());
    expect(created.map((r) => r.status)).toEqual(Array(12).fill(201));
    const apiId = ((await created[0]!.json()) as { id: number }).id;

    await postEvent(
      a.slackTarget,
      messageEvent({ channel: intakeChannel, user: customer, text: `${evil} ${evilUrl}`, ts: '1773136800.000100' }),
    );
    await until(
      async () => (await sqlGet<{ n: number }>('SELECT count(*) n FROM tickets WHERE card_ts IS NULL')).n === 0,
      15_000,
    );
    const slackId = (await sqlGet<{ id: number }>("SELECT id FROM tickets WHERE source = 'intake'")).id;
    const card = async (id: number) =>
      (await sqlGet<{ card_ts: string }>('SELECT card_ts FROM tickets WHERE id = ?', id)).card_ts;
    const apiCard = await card(apiId);

    // Linked from the card's modal to an issue whose title carries the same.
    for (const id of [apiId, slackId]) {
      const value = `github:${repo}#1`;
      const res = await postSlack(
        a.slackTarget,
        interactivity({
          type: 'view_submission',
          user: { id: operator, username: 'op', team_id: 'T0TESTTEAM' },
          team: { id: 'T0TESTTEAM', domain: 'acme' },
          api_app_id: 'A1',
          token: 'x',
          trigger_id: `trig.${id}`,
          view: {
            id: `V${id}`,
            type: 'modal',
            callback_id: 'feedback.link_issue',
            hash: 'h1',
            private_metadata: JSON.stringify({ ticketId: id }),
            state: {
              values: {
                issue: {
                  'feedback.issue_search': {
                    type: 'external_select',
                    selected_option: { text: { type: 'plain_text', text: value }, value },
                  },
                },
              },
            },
          },
        }),
        clock.now().getTime(),
      );
      expect(res.status).toBe(200);
    }

    // Panic button, then resolved with a resolution that carries the same.
    await postBlockAction(a.slackTarget, {
      action_id: 'ticket.escalate',
      value: String(slackId),
      user_id: dev,
      message_ts: await card(slackId),
      response_url: slack.responseUrl('esc'),
    });
    for (const id of [apiId, slackId]) {
      await postViewSubmission(a.slackTarget, {
        callback_id: 'ticket.resolve',
        user_id: dev,
        private_metadata: JSON.stringify({ ticketId: id }),
        values: { resolution: { value: { type: 'plain_text_input', value: `fixed ${evil}` } } },
      });
    }
    await settle();

    // Rated low: the Slack requester by button, the API customer on the public page with a comment.
    await slack.waitFor(
      'chat.postMessage',
      (p) => p.channel === customer && JSON.stringify(p.blocks ?? '').includes('ticket.rate.1'),
    );
    await postBlockAction(a.slackTarget, {
      action_id: 'ticket.rate.1',
      value: `${slackId}:1`,
      user_id: customer,
      channel_id: 'D0CUSTOMER1',
      response_url: slack.responseUrl('rate'),
    });
    const linkPost = await slack.waitFor(
      'chat.postMessage',
      (p) => String(p.text).includes('/rate/') && p.thread_ts === apiCard,
    );
    const ratePath = /\/rate\/[^\s>|]+/.exec(String(linkPost.text))![0];
    expect(
      (
        await fetch(`${a.url}${ratePath}`, {
          method: 'POST',
          body: new URLSearchParams({ rating: '1', comment: evil }),
        })
      ).status,
    ).toBe(200);

    // The issue is closed; the product manager asks for the board; the digest and the handoff run.
    expect((await postGitHubWebhook(a.url, githubSecret, 'issues', closedFixture(), 'delivery-evil')).status).toBe(200);
    await postSlashCommand(a.slackTarget, {
      text: 'demand',
      user_id: operator,
      response_url: slack.responseUrl('demand'),
    });
    await settle();
    expect(await postDigest({ ctx: a.rt.ctx })).toEqual({ posted: true });
    clock.advance(15 * 86_400_000);
    expect((await runHandoff({ ctx: a.rt.ctx })).handoff).toBe('done');
    await settle();
    await slack.waitForResponse((r) => r.id === 'demand');

    // Every kind of message was really sent…
    const posts = slack.callsTo('chat.postMessage');
    const sent = (what: string, p: (x: Record<string, any>) => boolean) =>
      expect(posts.filter(p).length, what).toBeGreaterThan(0);
    sent('ticket cards', (p) => p.channel === dutyChannel && !p.thread_ts && String(p.text).startsWith('Ticket #'));
    sent('burst card', (p) => String(p.text).includes('Burst:'));
    sent('link notes', (p) => p.thread_ts && String(p.text).includes(':link: Linked to'));
    sent('escalation DM', (p) => p.channel === lead && String(p.text).includes(':rotating_light:'));
    sent('rating DM', (p) => p.channel === customer && String(p.text).includes('How did we do?'));
    sent('low-rating posts', (p) => p.thread_ts === apiCard && String(p.text).includes('rated this ticket'));
    sent('close-the-loop notes', (p) => p.thread_ts && String(p.text).includes('Fixed in'));
    sent('linker DM', (p) => p.channel === operator && String(p.text).includes('closed as fixed'));
    sent('digest', (p) => p.channel === 'C0PRODUCT01');
    sent('handoff', (p) => p.channel === dutyChannel && String(p.text).includes('is on support duty'));
    expect(slack.callsTo('chat.update').length).toBeGreaterThan(0);
    // …and shows the outside text as typed.
    const all = [...slack.calls.map((c) => c.args), ...slack.responses.map((r) => r.body)].flatMap(mrkdwnTexts);
    expect(all.some((t) => t.includes('&lt;!channel&gt; &lt;!here&gt; &lt;@U0ATTACK&gt;'))).toBe(true);
    expect(
      all.some((t) => t.includes('<https://x.example/a%7Cb%3Cc%3E|&lt;!channel&gt; &lt;@U0ATTACK&gt; &amp; zd>')),
    ).toBe(true);
    expect(all.some((t) => t.includes('“&lt;!channel&gt;'))).toBe(true);

    // Not one of them live anywhere.
    for (const text of all) for (const s of live) expect(text, text).not.toContain(s);
    for (const text of all) expect(text).not.toContain('<https://x.example/a|b');
  }, 60_000);
});
