import { afterEach, describe, expect, it } from 'vitest';
import { demandMarker } from '../../src/domain/feedback/writeback-text';
import { settle, startFeedbackWorld, type FeedbackWorld } from './support/feedback-app';
import { interactivity, postSlack } from './../harness/webhook-requests';

let w: FeedbackWorld | undefined;
afterEach(async () => {
  await w?.stop();
  w = undefined;
});

const user = { id: 'U0OPERATOR', username: 'op', team_id: 'T0TESTTEAM' };
const team = { id: 'T0TESTTEAM', domain: 'acme' };

async function clickLink(world: FeedbackWorld, ticketId: number) {
  return postSlack(
    world.app.slackTarget,
    interactivity({
      type: 'block_actions',
      user,
      team,
      api_app_id: 'A1',
      token: 'x',
      trigger_id: 'trig.1',
      container: { type: 'message', message_ts: '1690000000.000001', channel_id: 'C0DUTY00001' },
      channel: { id: 'C0DUTY00001', name: 'duty' },
      actions: [
        { type: 'button', action_id: 'ticket.link_issue', block_id: 'card', value: String(ticketId), action_ts: '1' },
      ],
    }),
    world.clock.now().getTime(),
  );
}

async function search(world: FeedbackWorld, ticketId: number, value: string) {
  const res = await postSlack(
    world.app.slackTarget,
    interactivity({
      type: 'block_suggestion',
      user,
      team,
      api_app_id: 'A1',
      token: 'x',
      action_id: 'feedback.issue_search',
      block_id: 'issue',
      value,
      view: {
        id: 'V1',
        type: 'modal',
        callback_id: 'feedback.link_issue',
        private_metadata: JSON.stringify({ ticketId }),
      },
    }),
    world.clock.now().getTime(),
  );
  expect(res.status).toBe(200);
  return (await res.json()) as {
    option_groups?: { label: { text: string }; options: { value: string; text: { text: string } }[] }[];
  };
}

async function submitLink(world: FeedbackWorld, ticketId: number, value: string) {
  const res = await postSlack(
    world.app.slackTarget,
    interactivity({
      type: 'view_submission',
      user,
      team,
      api_app_id: 'A1',
      token: 'x',
      trigger_id: 'trig.2',
      view: {
        id: 'V1',
        type: 'modal',
        callback_id: 'feedback.link_issue',
        hash: 'h1',
        private_metadata: JSON.stringify({ ticketId }),
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
    world.clock.now().getTime(),
  );
  expect(res.status).toBe(200);
  const text = await res.text();
  return (text ? JSON.parse(text) : {}) as {
    response_action?: string;
    errors?: Record<string, string>;
    view?: { blocks: { type: string; text?: { text: string } }[] };
  };
}

describe('linking a ticket to an issue from Slack', () => {
  it('the card button opens the modal; search finds the GitHub issue; linking writes one comment that is edited in place', async () => {
    w = await startFeedbackWorld();
    w.gh.addIssue('acme/app', 'CSV export fails for large files');
    const t1 = await w.ticket({ text: 'Our CSV export fails with an error', customerKey: 'company:acme' });

    expect((await clickLink(w, t1)).status).toBe(200);
    const open = await w.slack.waitForCall('views.open');
    expect((open.args.view as { callback_id: string }).callback_id).toBe('feedback.link_issue');

    const found = await search(w, t1, 'csv export');
    const github = found.option_groups?.find((g) => g.label.text === 'GitHub');
    expect(github?.options.map((o) => o.value)).toEqual(['github:acme/app#1']);

    const submitted = await submitLink(w, t1, 'github:acme/app#1');
    expect(submitted.response_action).toBe('update');
    expect(JSON.stringify(submitted.view)).toContain('acme/app#1');
    await settle(w);
    const comments = w.gh.repos.get('acme/app')!.issues.get(1)!.comments;
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(demandMarker);
    expect(comments[0]!.body).toContain('Reported by 1 customer (1 ticket)');
    await w.slack.waitForCall(
      'chat.postMessage',
      (c) => String(c.args.text).includes('Linked to') && c.args.thread_ts !== undefined,
    );

    // The same customer again, a minute later: still one customer, two tickets, same comment.
    w.clock.advance(61_000);
    const t2 = await w.ticket({ text: 'CSV export broken again', customerKey: 'company:acme' });
    await submitLink(w, t2, 'github:acme/app#1');
    await settle(w);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('Reported by 1 customer (2 tickets)');

    // A third ticket reading alike gets the linked issue suggested first, without typing.
    const t3 = await w.ticket({ text: 'CSV export gives an error message' });
    const suggested = await search(w, t3, '');
    expect(suggested.option_groups?.[0]?.label.text).toBe('Linked by similar tickets');
    expect(suggested.option_groups?.[0]?.options[0]?.text.text).toContain('acme/app#1');
    expect(w.gh.unexpected).toEqual([]);
  });

  it('the message shortcut "Link to issue" opens the modal on a ticket card and explains itself elsewhere', async () => {
    w = await startFeedbackWorld();
    const responseUrl = w.slack.responseUrl('link');
    const t = await w.ticket({ text: 'A ticket', cardTs: '1690000001.000100' });
    const shortcut = (ts: string) =>
      interactivity({
        type: 'message_action',
        callback_id: 'link_to_issue',
        user,
        team,
        api_app_id: 'A1',
        token: 'x',
        trigger_id: 'trig.s',
        action_ts: '1',
        channel: { id: 'C0DUTY00001', name: 'duty' },
        message: { type: 'message', ts, text: 'x' },
        message_ts: ts,
        response_url: responseUrl,
      });
    await postSlack(w.app.slackTarget, shortcut('1690000001.000100'), w.clock.now().getTime());
    const open = await w.slack.waitForCall('views.open');
    expect((open.args.view as { private_metadata: string }).private_metadata).toBe(JSON.stringify({ ticketId: t }));
    await postSlack(w.app.slackTarget, shortcut('1690000009.000900'), w.clock.now().getTime());
    const eph = await w.slack.waitForCall('chat.postEphemeral');
    expect(String(eph.args.text)).toMatch(/not a ticket/);
  });

  it('several links per ticket, and unlink updates the modal and the counts', async () => {
    w = await startFeedbackWorld();
    w.gh.addIssue('acme/app', 'Login loop');
    const lin = w.ln.addIssue('ENG', 'Login loop on Safari');
    const t = await w.ticket({ text: 'Login keeps looping', customerKey: 'email:a@b.example' });
    await submitLink(w, t, 'github:acme/app#1');
    const both = await submitLink(w, t, `linear:${lin.id}|${lin.identifier}`);
    const text = JSON.stringify(both.view);
    expect(text).toContain('acme/app#1');
    expect(text).toContain('ENG-1');
    await settle(w);
    expect(w.ln.issues.get(lin.id)!.attachments[0]).toMatchObject({
      url: expect.stringMatching(/\/issues\/\d+$/),
      subtitle: expect.stringContaining('Reported by 1 customer (1 ticket)'),
    });

    const issueId = Number(/issues\/(\d+)$/.exec(w.ln.issues.get(lin.id)!.attachments[0]!.url)![1]);
    await postSlack(
      w.app.slackTarget,
      interactivity({
        type: 'block_actions',
        user,
        team,
        api_app_id: 'A1',
        token: 'x',
        trigger_id: 'trig.3',
        view: {
          id: 'V9',
          hash: 'h9',
          type: 'modal',
          callback_id: 'feedback.link_issue',
          private_metadata: JSON.stringify({ ticketId: t }),
        },
        container: { type: 'view', view_id: 'V9' },
        actions: [
          {
            type: 'button',
            action_id: 'feedback.unlink',
            block_id: `link_${issueId}`,
            value: `${t}:${issueId}`,
            action_ts: '2',
          },
        ],
      }),
      w.clock.now().getTime(),
    );
    const upd = await w.slack.waitForCall('views.update');
    expect(JSON.stringify(upd.args.view)).not.toContain('ENG-1');
    w.clock.advance(61_000);
    await settle(w);
    expect(w.ln.issues.get(lin.id)!.attachments[0]!.subtitle).toContain('Reported by 0 customers (0 tickets)');
    expect(w.ln.invalid).toEqual([]);
  });

  it('an issue that no longer exists or a repo not configured is a clear field error, and nothing is linked', async () => {
    w = await startFeedbackWorld();
    w.gh.addRepo('other/repo');
    w.gh.addIssue('other/repo', 'Elsewhere');
    const t = await w.ticket({ text: 'Something' });
    const gone = await submitLink(w, t, 'github:acme/app#42');
    expect(gone.response_action).toBe('errors');
    expect(gone.errors?.issue).toMatch(/no longer exists/);
    const elsewhere = await submitLink(w, t, 'github:other/repo#1');
    expect(elsewhere.errors?.issue).toMatch(/other\/repo is not configured/);
    const [n] = await w.app.query<{ n: number }>('SELECT count(*) AS n FROM ticket_issue_links');
    expect(n!.n).toBe(0);
  });

  it('a tracker outage during a link stores the link and writes the counts once the tracker is back', async () => {
    w = await startFeedbackWorld();
    w.gh.addIssue('acme/app', 'Invoice PDF blank');
    const t = await w.ticket({ text: 'Invoice PDF is blank', customerKey: 'company:globex' });
    w.gh.fail({ status: 503, times: 3, message: 'Service Unavailable' });
    const res = await submitLink(w, t, 'github:acme/app#1');
    expect(res.response_action).toBe('update');
    const [n] = await w.app.query<{ n: number }>('SELECT count(*) AS n FROM ticket_issue_links');
    expect(n!.n).toBe(1);
    // The write-back failed while GitHub was down and is retried later.
    await settle(w);
    for (let i = 0; i < 6 && w.gh.repos.get('acme/app')!.issues.get(1)!.comments.length === 0; i++) {
      w.clock.advance(60_000);
      w.app.rt.outbox.kick();
      await new Promise((r) => setTimeout(r, 50));
      await settle(w);
    }
    expect(w.gh.repos.get('acme/app')!.issues.get(1)!.comments[0]?.body).toContain('Reported by 1 customer (1 ticket)');
  });
});
