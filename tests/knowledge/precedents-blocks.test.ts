import { describe, expect, it } from 'vitest';
import {
  hitText,
  knowledgeSearchBlocks,
  precedentsBlocks,
  type OfferedPrecedent,
} from '../../src/adapters/slack/blocks/precedents';
import type { KnowledgeHit } from '../../src/services/ports/knowledge';
import { validateMessageBlocks } from '../harness/slack-block-kit';

const resolvedAt = Date.UTC(2026, 2, 4, 15, 30);

function ticketHit(over: Partial<KnowledgeHit> = {}): KnowledgeHit {
  return {
    kind: 'ticket',
    id: 41,
    title: 'Invoice PDF will not download',
    resolution: 'Regenerated the PDF',
    resolvedBy: 'U0DEV000001',
    resolvedAt,
    score: 0.8,
    url: 'https://slack.com/archives/C0DUTY00001/p1700000000000001',
    ...over,
  };
}

const offered = (
  hit: KnowledgeHit,
  id: number,
  verdict: OfferedPrecedent['verdict'] = null,
  verdictBy: string | null = null,
): OfferedPrecedent => ({ suggestionId: id, hit, verdict, verdictBy });

describe('precedent presenters', () => {
  it('a ticket precedent shows its number linked to its card, summary, resolution, who (a mention only for a Slack id) and a Slack-formatted date', () => {
    const text = hitText(ticketHit());
    expect(text).toContain(
      '*<https://slack.com/archives/C0DUTY00001/p1700000000000001|#41>* Invoice PDF will not download',
    );
    expect(text).toContain(':white_check_mark: Regenerated the PDF');
    expect(text).toContain(`Resolved by <@U0DEV000001> · <!date^${resolvedAt / 1000}^{date_short}|2026-03-04>`);
    expect(hitText(ticketHit({ resolvedBy: 'jane@helpdesk.test' }))).toContain('Resolved by jane@helpdesk.test');
  });

  it('customer and helpdesk text cannot ping, link or break out: it is escaped, and only http(s) links are made', () => {
    const text = hitText(
      ticketHit({
        title: '<!channel> urgent & <@U0LEAD00001>',
        resolution: '<https://evil.test|click here> fixed',
        resolvedBy: '<!here>',
        url: 'javascript:alert(1)',
      }),
    );
    expect(text).not.toMatch(/<!channel>|<!here>|<@U0LEAD00001>|<https:\/\/evil|javascript:/);
    expect(text).toContain('&lt;!channel&gt; urgent &amp; &lt;@U0LEAD00001&gt;');
    expect(text).toContain('*#41*');
    const kb = knowledgeSearchBlocks('<!everyone> refund', []);
    expect(JSON.stringify(kb)).not.toContain('<!everyone>');
  });

  it('a runbook section shows its title and first lines, shortened, with its page link', () => {
    const body = Array.from({ length: 12 }, (_, i) => `Step ${i + 1}: do the thing`).join('\n');
    const text = hitText({
      kind: 'runbook',
      id: 'down.md#first',
      title: 'Everything is down — First five minutes',
      resolution: body,
      resolvedBy: null,
      resolvedAt: null,
      score: 0.5,
      url: 'https://duty.example.com/runbooks/down.md#first',
    });
    expect(text).toContain(
      ':blue_book: *<https://duty.example.com/runbooks/down.md#first|Everything is down — First five minutes>*',
    );
    expect(text).toContain('Step 4: do the thing');
    expect(text).not.toContain('Step 5');
  });

  it('the thread reply has both buttons per precedent and shows a given verdict with who gave it; very long text stays within Slack limits', () => {
    const long = 'x'.repeat(10_000);
    const items = [
      offered(ticketHit({ title: long, resolution: long }), 7, 'helped', 'U0LEAD00001'),
      offered(ticketHit({ id: 42 }), 8, 'unrelated', 'U0DEV000001'),
      offered(ticketHit({ id: 43 }), 9),
      offered(
        {
          kind: 'runbook',
          id: 'down.md#x',
          title: long,
          resolution: long,
          resolvedBy: null,
          resolvedAt: null,
          score: 0.4,
          url: null,
        },
        10,
      ),
    ];
    const { text, blocks } = precedentsBlocks(99, items);
    expect(validateMessageBlocks(blocks)).toEqual([]);
    expect(text.length).toBeLessThanOrEqual(300);
    const json = JSON.stringify(blocks);
    expect(json.match(/"action_id":"precedent.helped"/g)).toHaveLength(4);
    expect(json.match(/"action_id":"precedent.unrelated"/g)).toHaveLength(4);
    expect(json).toContain('Helped — marked by <@U0LEAD00001>');
    expect(json).toContain('Not related — marked by <@U0DEV000001>');
    expect(
      validateMessageBlocks(
        knowledgeSearchBlocks(
          long,
          items.map((i) => i.hit),
        ).blocks,
      ),
    ).toEqual([]);
  });
});
