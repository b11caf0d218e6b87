import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoWorld, ws, type DemoWorld } from '../dashboard/support/demo';

let w: DemoWorld;
beforeAll(async () => {
  w = await startDemoWorld();
}, 120_000);
afterAll(async () => {
  await w?.stop();
});

/** The issue's resolved tickets, newest resolution first, counted straight from the tables. */
function resolvedLinked(issueId: number): { id: number; resolution: string }[] {
  return w.sql
    .prepare(`SELECT t.id, t.resolution FROM ticket_issue_links l JOIN tickets t ON t.id = l.ticket_id
      WHERE l.workspace_id = ? AND l.issue_id = ? AND t.status = 'resolved' ORDER BY t.resolved_at DESC, t.id DESC`)
    .all(ws, issueId) as { id: number; resolution: string }[];
}

describe('the issue page’s precedents', () => {
  it('lists the resolved tickets linked to the issue, newest first, with how each was solved, and says how the list is made', async () => {
    const issue = w.sql
      .prepare(`SELECT l.issue_id AS id FROM ticket_issue_links l JOIN tickets t ON t.id = l.ticket_id
        WHERE l.workspace_id = ? AND t.status = 'resolved' GROUP BY l.issue_id HAVING count(*) > 20 LIMIT 1`)
      .get(ws) as { id: number };
    const html = await (await fetch(`${w.url}/issues/${issue.id}`)).text();
    const section = html.slice(html.indexOf('id="precedents"'));
    expect(section).toContain('<h2>Precedents</h2>');
    expect(section).toContain('most recently resolved tickets linked to this issue');
    const shown = [...section.matchAll(/<tr data-precedent="(\d+)">/g)].map((m) => Number(m[1]));
    const expected = resolvedLinked(issue.id);
    expect(shown).toEqual(expected.slice(0, 20).map((t) => t.id));
    expect(section).toContain(`<td>${expected[0]!.resolution}</td>`);
  });
});
