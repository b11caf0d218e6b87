import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { knowledgeBackfillJobName } from '../../src/adapters/jobs/knowledge';
import { inverseFrequency, scoreDoc } from '../../src/domain/knowledge/similarity';
import { correctSpelling, withinOneEdit } from '../../src/domain/knowledge/spelling';
import { postBlockAction, postViewSubmission } from '../harness/slack-requests';
import { teamId } from '../support/app';
import { resolver, startSearchWorld, type SearchWorld } from './support/search-world';

let w: SearchWorld | undefined;
afterEach(async () => {
  await w?.stop();
  w = undefined;
});

interface Result {
  kind: string;
  id: number | string;
  title: string;
  resolution: string | null;
  resolvedBy: string | null;
  resolvedAt: number | null;
  score: number;
  url: string | null;
}
async function results(res: Response): Promise<Result[]> {
  expect(res.status).toBe(200);
  const body = (await res.json()) as { results: Result[] };
  expect(Array.isArray(body.results)).toBe(true);
  return body.results;
}

async function resolved(
  world: SearchWorld,
  key: string,
  subject: string,
  text: string,
  resolution: string,
): Promise<number> {
  const id = await world.intake({ externalId: key, subject, text });
  await world.resolve(id, resolution);
  return id;
}

describe('GET /api/similar', () => {
  it('finds a resolved ticket by other word forms, in English and in Russian, with what a reader needs', async () => {
    w = await startSearchWorld();
    const vat = await resolved(
      w,
      'A1',
      'VAT number missing on invoices',
      'Our invoices do not show our VAT number.',
      'Added the VAT ID under Billing > Company details.',
    );
    const ru = await resolved(
      w,
      'A2',
      'Не приходят счета',
      'Счета на оплату больше не приходят на почту.',
      'Обновили адрес для счетов.',
    );
    await resolved(w, 'A3', 'Dark mode resets', 'Dark mode is gone after every logout.', 'Now saved with the profile.');
    await w.intake({ externalId: 'OPEN', text: 'An open invoice question with VAT, not a precedent yet' });
    await w.app.rt.outbox.idle();

    const en = await results(await w.similar({ text: 'the invoice has no vat', limit: '5' }));
    expect(en[0]).toMatchObject({
      kind: 'ticket',
      id: vat,
      title: 'VAT number missing on invoices',
      resolution: 'Added the VAT ID under Billing > Company details.',
      resolvedBy: resolver,
    });
    expect(en[0]!.resolvedAt).toEqual(expect.any(Number));
    expect(en[0]!.score).toBeGreaterThan(0);
    expect(en[0]!.url).toMatch(/^https:\/\/slack\.com\/archives\/C0DUTY00001\/p\d+$/);
    expect(en.map((r) => r.id)).not.toContain(ru);
    expect(en.every((r) => r.title !== 'An open invoice question with VAT, not a precedent yet')).toBe(true);

    const forms = await results(await w.similar({ text: 'счёт не пришёл, где мои счетов' }));
    expect(forms[0]).toMatchObject({ kind: 'ticket', id: ru });
  });

  it('a misspelt word still finds its precedent; a long text in any script is read, not refused', async () => {
    w = await startSearchWorld();
    const id = await resolved(
      w,
      'T1',
      'Dashboard takes 30 seconds to load',
      'Our main dashboard is slow every morning.',
      'Switched the widgets to 90 days.',
    );
    expect((await results(await w.similar({ text: 'dashbord is slow' })))[0]).toMatchObject({ id });
    expect((await results(await w.similar({ text: 'the dahsboard' })))[0]).toMatchObject({ id });
    for (const text of ['я'.repeat(10_000), '😀'.repeat(10_000), `dashboard ${'очень медленно '.repeat(700)}`]) {
      const res = await w.similar({ text });
      expect(res.status, text.slice(0, 10)).toBe(200);
      await results(res);
    }
  });

  it("a ticket resolved through Slack's Resolve dialog is found with that resolution", async () => {
    w = await startSearchWorld();
    const id = await w.intake({
      externalId: 'SL1',
      subject: 'Jira issues not created',
      text: 'The Jira integration creates no issues in our project.',
    });
    await w.app.rt.outbox.idle();
    const [card] = await w.app.query<{ card_ts: string }>('SELECT card_ts FROM tickets WHERE id = ?', id);
    const cardTs = card!.card_ts;
    await postBlockAction(w.app.slackTarget, {
      action_id: 'ticket.resolve',
      value: String(id),
      user_id: 'U0OPERATOR1',
      message_ts: cardTs,
    });
    const view = (await w.slack.waitFor('views.open')).view as { private_metadata: string };
    await postViewSubmission(w.app.slackTarget, {
      callback_id: 'ticket.resolve',
      user_id: 'U0OPERATOR1',
      private_metadata: view.private_metadata,
      values: {
        resolution: {
          value: { type: 'plain_text_input', value: "Granted the integration user 'Create issues' in Jira." },
        },
      },
    });
    const found = await results(await w.similar({ text: 'jira integration does not create issues' }));
    expect(found[0]).toMatchObject({
      kind: 'ticket',
      id,
      resolvedBy: 'U0OPERATOR1',
      resolution: "Granted the integration user 'Create issues' in Jira.",
    });
  });

  it('needs the API token (or sign-in) like the other reads, and a text parameter', async () => {
    w = await startSearchWorld();
    expect((await w.similar({ text: 'invoice' }, { token: null })).status).toBe(401);
    expect((await w.similar({ text: 'invoice' }, { token: 'not-a-token' })).status).toBe(401);
    const missing = await w.similar({ limit: '5' });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(await missing.json())).toContain('text');
  });

  it('limit is clamped to 1..20 (default 5)', async () => {
    w = await startSearchWorld();
    for (let i = 0; i < 25; i++)
      await resolved(
        w,
        `E${i}`,
        `Export number ${i} fails`,
        `The export ${i} fails with an error`,
        `Re-ran export ${i}.`,
      );
    expect(await results(await w.similar({ text: 'export fails' }))).toHaveLength(5);
    expect(await results(await w.similar({ text: 'export fails', limit: '0' }))).toHaveLength(1);
    expect(await results(await w.similar({ text: 'export fails', limit: '-3' }))).toHaveLength(1);
    expect(await results(await w.similar({ text: 'export fails', limit: '500' }))).toHaveLength(20);
    expect(await results(await w.similar({ text: 'export fails', limit: 'lots' }))).toHaveLength(5);
  });

  it('odd input gives results or an empty list, never an error: operators in the text are plain words', async () => {
    w = await startSearchWorld();
    const id = await resolved(
      w,
      'S1',
      'Okta SSO login loop',
      'Signing in with Okta sends us back to the login page.',
      'Fixed the SAML ACS URL.',
    );
    const noWords = ['', '   ', '"', '""', '*', ':', '!!! ??? ...', '😀🔥🙈', '^', '-', '(', ')', '{}', '"*:^'];
    for (const text of noWords) expect(await results(await w.similar({ text }))).toEqual([]);
    // Operators alone are words like any other (the example runbook may mention "table"), never syntax.
    for (const text of ['NEAR', 'OR', 'AND NOT', "'; DROP TABLE tickets; --", 'NEAR(a b, 3)', 'question:', '"NEAR"']) {
      expect((await results(await w.similar({ text }))).filter((h) => h.kind === 'ticket')).toEqual([]);
    }
    const withWords = [
      'okta OR',
      '"okta',
      'okta*',
      'question:okta',
      'okta NEAR login',
      'NOT okta',
      '-okta',
      '^okta',
      'okta AND',
      '(okta',
      'okta")',
      'o*kta okta',
      `okta login ${'x'.repeat(9_980)}`,
      `${'okta login loop '.repeat(700)}`,
      '😀 okta 😀',
    ];
    for (const text of withWords) {
      const r = await results(await w.similar({ text }));
      expect(
        r.map((h) => h.id),
        text.slice(0, 40),
      ).toContain(id);
    }
    const long = await results(await w.similar({ text: 'z'.repeat(10_000) }));
    expect(long).toEqual([]);
    expect((await w.similar({ text: 'okta', limit: '3' })).status).toBe(200);
  });

  it('a reopened ticket is no precedent until resolved again, then with its new resolution', async () => {
    w = await startSearchWorld();
    const id = await resolved(
      w,
      'R1',
      'Webhooks fail with 401',
      'All webhook deliveries fail with 401 Unauthorized.',
      'Secret rotated.',
    );
    const { changeTicket } = await import('../../src/services/tickets/change-ticket');
    await changeTicket({ ctx: w.app.rt.ctx, input: { ticketId: id, action: { type: 'reopen', by: 'U0CUSTOMER1' } } });
    expect(await results(await w.similar({ text: 'webhook 401' }))).toEqual([]);
    await w.resolve(id, 'Receiver updated with the new signing secret.');
    const again = await results(await w.similar({ text: 'webhook 401' }));
    expect(again[0]).toMatchObject({ id, resolution: 'Receiver updated with the new signing secret.' });
  });

  it("a linked issue's title makes its tickets findable by the issue's words", async () => {
    w = await startSearchWorld();
    const id = await resolved(
      w,
      'L1',
      'Blank page',
      'I click the link and get an empty white page.',
      'Use the Download button.',
    );
    expect(await results(await w.similar({ text: 'safari pdf viewer' }))).toEqual([]);
    await w.link(id, 'Safari PDF viewer shows invoices blank');
    const found = await results(await w.similar({ text: 'safari pdf viewer' }));
    expect(found[0]).toMatchObject({ kind: 'ticket', id });
  });

  it('resolved tickets stored without the resolve path (an older deployment, an import) are indexed by the backfill job', async () => {
    w = await startSearchWorld();
    const now = Date.now();
    const insert =
      'INSERT INTO tickets (workspace_id, source, external_id, subject, text, status, resolved_by, resolved_at, resolution, created_at, updated_at) VALUES ';
    const values = "(?, 'import', ?, ?, ?, 'resolved', 'U0OLDHAND01', ?, ?, ?, ?)";
    const args = (externalId: string, subject: string, text: string, resolution: string) => [
      teamId,
      externalId,
      subject,
      text,
      now,
      resolution,
      now,
      now,
    ];
    // 200 rows a statement.
    for (let from = 0; from < 1_200; from += 200) {
      const batch = Array.from({ length: 200 }, (_, k) => from + k);
      await w.app.exec(
        insert + batch.map(() => values).join(', '),
        ...batch.flatMap((i) =>
          args(
            `old-${i}`,
            `Calendar sync ${i}`,
            `Events duplicated in calendar number ${i}`,
            `Disconnected account ${i}.`,
          ),
        ),
      );
    }
    const [zap] = await w.app.query<{ id: number }>(
      `${insert}${values} RETURNING id`,
      ...args(
        'old-x',
        'Zapier trigger silent',
        'Our Zap does not fire for new records.',
        'Zapier polls every 15 minutes.',
      ),
    );
    const id = zap!.id;
    expect(await results(await w.similar({ text: 'zapier trigger' }))).toEqual([]);
    await w.app.rt.scheduler.runNow(knowledgeBackfillJobName);
    expect((await results(await w.similar({ text: 'zapier trigger' })))[0]).toMatchObject({
      id,
      resolvedBy: 'U0OLDHAND01',
    });
    expect(await results(await w.similar({ text: 'calendar events duplicated', limit: '20' }))).toHaveLength(20);
    expect(await w.app.query('SELECT count(*) n FROM knowledge_docs')).toEqual([{ n: 1_201 }]);
  });

  it('runbook sections are found beside tickets, with their page', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyloop-runbooks-'));
    fs.writeFileSync(
      path.join(dir, 'outage.md'),
      '# Everything is down\n\n## Database failover\n\nPromote the replica, then point the app at it.\n\n## Status page\n\nPost an update on the status page every 30 minutes.\n',
    );
    try {
      w = await startSearchWorld({ file: { knowledge: { runbooks: dir } } });
      await resolved(
        w,
        'D1',
        'Status page not updated',
        'Our status page showed green during the outage.',
        'Updated it by hand.',
      );
      const hits = await results(await w.similar({ text: 'database failover replica' }));
      expect(hits[0]).toMatchObject({
        kind: 'runbook',
        id: 'outage.md#database-failover',
        resolvedBy: null,
        resolvedAt: null,
      });
      expect(hits[0]!.title).toContain('Database failover');
      expect(hits[0]!.resolution).toContain('Promote the replica');
      expect(hits[0]!.url).toMatch(/^https:\/\/dutyloop\.example\.com\/runbooks\/outage\.md#database-failover$/);
      const both = await results(await w.similar({ text: 'status page update' }));
      expect(new Set(both.map((h) => h.kind))).toEqual(new Set(['ticket', 'runbook']));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('relevance and spelling (pure)', () => {
  it('one edit apart: a letter added, dropped, changed or two swapped; not two edits', () => {
    for (const [a, b] of [
      ['dashbord', 'dashboard'],
      ['recieve', 'receive'],
      ['invoce', 'invoice'],
      ['dahsboard', 'dashboard'],
      ['exprot', 'export'],
      ['счёт', 'счёт'],
      ['calender', 'calendar'],
    ])
      expect(withinOneEdit(a!, b!), `${a}/${b}`).toBe(true);
    for (const [a, b] of [
      ['dashbrd', 'dashboard'],
      ['export', 'import'],
      ['abc', 'cba'],
      ['', 'ab'],
    ])
      expect(withinOneEdit(a!, b!), `${a}/${b}`).toBe(false);
    expect(
      correctSpelling(
        ['calend', 'calender'],
        [
          { term: 'calendar', docs: 3 },
          { term: 'calm', docs: 50 },
        ],
      ),
    ).toBe('calendar');
    expect(
      correctSpelling(
        ['invoc', 'invoce'],
        [
          { term: 'invoic', docs: 9 },
          { term: 'invok', docs: 2 },
          { term: 'invoc', docs: 0 },
        ],
      ),
    ).toBe('invoic');
    expect(correctSpelling(['zzzzz'], [{ term: 'invoic', docs: 9 }])).toBeNull();
  });

  it('rare shared words weigh more than common ones; a match only in the resolution counts less; nothing shared is 0', () => {
    const idf = (t: string) => inverseFrequency(t === 'error' ? 900 : 3, 1_000);
    const doc = { question: ['okta', 'login', 'error'], resolution: ['acs'], issues: [] };
    expect(scoreDoc(['okta', 'loop'], doc, idf)).toBeGreaterThan(scoreDoc(['error', 'loop'], doc, idf));
    expect(scoreDoc(['okta'], doc, idf)).toBeGreaterThan(scoreDoc(['acs'], doc, idf));
    expect(scoreDoc(['billing'], doc, idf)).toBe(0);
    expect(scoreDoc([], doc, idf)).toBe(0);
    expect(scoreDoc(['okta', 'login', 'error'], doc, idf)).toBeCloseTo(1);
  });
});
