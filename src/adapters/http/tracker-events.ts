import type { Ctx } from '../../services/context';
import {
  applyDuplicateMerge,
  applyIssueDeleted,
  applyIssueState,
  applyIssueTransfer,
} from '../../services/feedback/apply-issue-change';
import type { TrackerIssue } from '../../services/ports/issue-tracker';
import type { GitHubIssuesEvent } from '../github/webhook';
import { linearClosedTypes, linearIssue } from '../linear/issue-schema';
import { linearRelationData } from '../linear/webhook';

/*
 * Tracker webhooks in the feedback loop's terms: a GitHub or Linear payload
 * becomes the use case it means (a state change, a transfer, a deletion, a
 * duplicate merge). Payload shapes are the trackers' business, so they stay here.
 */

/** A verified, first-time GitHub `issues` delivery. Runs inside the caller's transaction. */
export async function handleGitHubIssuesEvent({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: GitHubIssuesEvent;
}): Promise<Record<string, unknown>> {
  const externalId = `${input.repository.full_name}#${input.issue.number}`;
  switch (input.action) {
    case 'closed':
      return applyIssueState({
        ctx,
        input: {
          provider: 'github',
          externalId,
          state: 'closed',
          reason: input.issue.state_reason === 'not_planned' ? 'canceled' : 'completed',
          title: input.issue.title,
        },
      });
    case 'reopened':
      return applyIssueState({
        ctx,
        input: { provider: 'github', externalId, state: 'open', title: input.issue.title },
      });
    case 'transferred': {
      const ni = input.changes?.new_issue;
      const nr = input.changes?.new_repository;
      if (!ni || !nr) return { ignored: true };
      const to: TrackerIssue = {
        provider: 'github',
        externalId: `${nr.full_name}#${ni.number}`,
        key: `${nr.full_name}#${ni.number}`,
        title: ni.title,
        url: ni.html_url,
        state: ni.state,
        isPrivate: nr.private ?? false,
        container: nr.full_name,
      };
      return applyIssueTransfer({ ctx, input: { fromExternalId: externalId, to } });
    }
    case 'deleted':
      return applyIssueDeleted({ ctx, input: { provider: 'github', externalId } });
    default:
      return { ignored: true };
  }
}

/**
 * A verified Linear delivery. `planChange` does the network part (fetching the
 * surviving issue of a duplicate merge) and returns the transactional part,
 * or null for an event dutyloop does not handle.
 */
export const handleLinearEvent = {
  async planChange({
    ctx,
    input,
  }: {
    ctx: Ctx;
    input: { action: string; type: string; data: Record<string, unknown> };
  }): Promise<((tx: Ctx) => Promise<Record<string, unknown>>) | null> {
    if (input.type === 'Issue') {
      const d = linearIssue.safeParse(input.data);
      if (!d.success) return null;
      const issue = d.data;
      if (input.action === 'remove')
        return (tx) => applyIssueDeleted({ ctx: tx, input: { provider: 'linear', externalId: issue.id } });
      const stateType = issue.state?.type;
      if (input.action !== 'update' || !stateType) return null;
      return (tx) =>
        applyIssueState({
          ctx: tx,
          input: {
            provider: 'linear',
            externalId: issue.id,
            state: linearClosedTypes.has(stateType) ? 'closed' : 'open',
            reason: stateType === 'canceled' ? 'canceled' : 'completed',
            title: issue.title,
          },
        });
    }
    if (input.type === 'IssueRelation' && input.action === 'create') {
      const d = linearRelationData.safeParse(input.data);
      if (!d.success || d.data.type !== 'duplicate') return null;
      const { issueId, relatedIssueId } = d.data;
      let survivor: TrackerIssue | null = null;
      try {
        survivor = (await ctx.trackers.linear?.get(relatedIssueId)) ?? null;
      } catch (err) {
        ctx.log.warn({ err }, 'feedback: could not fetch the surviving Linear issue');
      }
      if (!survivor) return async () => ({ ignored: true, reason: 'surviving issue unknown' });
      const s = survivor;
      return (tx) =>
        applyDuplicateMerge({
          ctx: tx,
          input: { duplicate: { provider: 'linear', externalId: issueId }, survivor: s },
        });
    }
    return null;
  },
};
