import type { Ctx } from '../context';
import type { IssueTracker, TrackerIssue } from '../ports/issue-tracker';
import { trackerTimeoutMs, withTimeout } from './link-ticket';

export interface IssueChoice {
  /** What the link service understands back (see parseChoice). */
  value: string;
  key: string;
  title: string;
  state: 'open' | 'closed';
}

export interface IssueSearchResult {
  suggested: IssueChoice[];
  github: IssueChoice[];
  linear: IssueChoice[];
  /** Trackers that did not answer in time. */
  unavailable: ('github' | 'linear')[];
}

const choiceOf = (i: TrackerIssue): IssueChoice => ({
  value: i.provider === 'linear' ? `linear:${i.externalId}|${i.key}` : `github:${i.externalId}`,
  key: i.key,
  title: i.title,
  state: i.state,
});

/**
 * The link modal's search box: first issues already linked by tickets that
 * read alike (BM25 over ticket text), then the trackers' own search in the
 * configured repositories and teams. A tracker that is down is left out.
 */
export async function searchIssues({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { query: string; ticketId?: number; limit?: number };
}): Promise<IssueSearchResult> {
  const limit = input.limit ?? 10;
  const ticket = input.ticketId ? await ctx.repos.tickets.byId(ctx.workspaceId, input.ticketId) : undefined;
  const ftsText = input.query.trim() || (ticket ? `${ticket.subject ?? ''} ${ticket.text}` : '');
  const suggested = (await ctx.repos.feedback.similarLinkedIssues(ctx.workspaceId, ftsText, limit, input.ticketId)).map(
    (i) => ({ value: `id:${i.id}`, key: i.key, title: i.title, state: i.state }),
  );
  const seen = new Set(suggested.map((s) => s.key));
  const query = input.query.trim() || (ticket?.subject ?? ticket?.text.slice(0, 80) ?? '');
  const result: IssueSearchResult = { suggested, github: [], linear: [], unavailable: [] };
  await Promise.all(
    (Object.values(ctx.trackers) as IssueTracker[]).map(async (t) => {
      if (!query) return;
      try {
        const found = await withTimeout(t.search(query, limit), trackerTimeoutMs);
        result[t.provider] = found.map(choiceOf).filter((c) => !seen.has(c.key));
      } catch (err) {
        result.unavailable.push(t.provider);
        ctx.log.warn({ err, provider: t.provider }, 'feedback: tracker search failed');
      }
    }),
  );
  return result;
}
