import { describe, expect, it } from 'vitest';
import { issueOptions, linkModal } from '../../src/adapters/slack/blocks/feedback-link-modal';
import { linkerNotice, threadNotice } from '../../src/adapters/slack/blocks/feedback-notices';
import { demandBoardBlocks, digestBlocks } from '../../src/adapters/slack/blocks/feedback-demand';
import { buildDigest } from '../../src/domain/feedback/digest';

const choice = (key: string, title: string) => ({ value: `github:${key}`, key, title, state: 'open' as const });

describe('link modal presenters', () => {
  it('suggestions come first, empty groups are left out, option texts fit Slack limits', () => {
    const long = 'x'.repeat(200);
    const out = issueOptions({
      suggested: [choice('a/b#1', 'One')],
      github: [choice('a/b#2', long)],
      linear: [],
      unavailable: ['linear'],
    });
    if (!('option_groups' in out)) throw new Error('expected groups');
    expect(out.option_groups.map((g) => g.label.text)).toEqual(['Linked by similar tickets', 'GitHub']);
    expect(out.option_groups[1]!.options[0]!.text.text.length).toBeLessThanOrEqual(75);
    expect(issueOptions({ suggested: [], github: [], linear: [], unavailable: [] })).toEqual({ options: [] });
  });

  it('lists current links with an Unlink button each, and escapes ticket text', () => {
    const view = linkModal(
      { id: 7, subject: null, text: 'a <b> & c' },
      [{ issueId: 3, key: 'ENG-1', title: 'T', url: 'https://l/ENG-1', state: 'closed' }],
      true,
    );
    const json = JSON.stringify(view);
    expect(json).toContain('a &lt;b&gt; &amp; c');
    expect(json).toContain('"value":"7:3"');
    expect(json).toContain('(closed)');
    expect(view.private_metadata).toBe('{"ticketId":7}');
  });
});

describe('close-the-loop and demand texts', () => {
  const issue = { key: 'acme/app#4', url: 'https://github.com/acme/app/issues/4', title: 'Export' };
  it('say what happened and what to do, with the issue linked', () => {
    expect(threadNotice(issue, 'closed')).toBe(
      ':white_check_mark: Fixed in <https://github.com/acme/app/issues/4|acme/app#4> — let the customer know.',
    );
    expect(linkerNotice(issue, 'closed', 2)).toContain('2 linked tickets');
  });

  it('an issue title or URL from a tracker cannot ping, link or break the notice', () => {
    const evil = {
      key: 'acme/app#5',
      url: 'javascript:alert(1)',
      title: '<!channel> <https://phish.example|Sign in> & more',
    };
    const text = linkerNotice(evil, 'closed', 1);
    expect(text).toBe(
      "acme/app#5 (&lt;!channel&gt; &lt;https://phish.example|Sign in&gt; &amp; more) was closed as fixed. 1 linked ticket can now be answered — each ticket's thread has a note.",
    );
    expect(threadNotice({ ...issue, url: 'https://github.com/acme/app/issues/4|x>' }, 'reopened')).toContain(
      '<https://github.com/acme/app/issues/4%7Cx%3E|acme/app#4>',
    );
    const rows = [
      {
        issueId: 1,
        key: 'ENG-<1>',
        title: evil.title,
        url: 'https://l/ENG-1',
        customers: 1,
        tickets: 1,
        previousCustomers: null,
        customersChange: null,
        firstSeen: 0,
      },
    ];
    expect(JSON.stringify(demandBoardBlocks(rows))).toContain('<https://l/ENG-1|ENG-&lt;1&gt;> &lt;!channel&gt;');
  });

  it('the board and the digest state counts, never judgements', () => {
    const rows = [
      {
        issueId: 1,
        key: 'ENG-1',
        title: 'Export',
        url: 'u',
        customers: 45,
        tickets: 60,
        previousCustomers: 40,
        customersChange: 5,
        firstSeen: 0,
      },
    ];
    const board = JSON.stringify(demandBoardBlocks(rows));
    expect(board).toContain('45 customers, 60 tickets (+5 vs previous 30 days)');
    const digest = JSON.stringify(digestBlocks(buildDigest(rows, 10 * 86_400_000), '23 Nov 2026'));
    expect(digest).toContain('Biggest risers');
    expect(`${board} ${digest}`).not.toMatch(/hate|love|terrible|great|many/i);
  });
});
