import { FeedbackRepo, type IssueRow } from '../../adapters/db/feedback.repo';
import { withTransaction } from '../../adapters/db/transaction';
import { linkerNotice, threadNotice, type IssueChange } from '../../adapters/slack/blocks/feedback-notices';
import { enqueueSlack } from '../../adapters/slack/outbox';
import type { Ctx } from '../context';
import type { TrackerIssue } from '../ports/issue-tracker';
import { enqueueWriteback } from './enqueue-writeback';

/** Tells every linked ticket's thread and each person who linked one. Runs inside the caller's transaction. */
function announce(ctx: Ctx, issue: IssueRow, change: IssueChange, at: number): number {
  const repo = new FeedbackRepo(ctx.db);
  const links = repo.linksOfIssue(ctx.workspaceId, issue.id);
  const tag = `issue:${issue.id}:${change}:${at}`;
  for (const l of links) {
    if (!l.cardChannelId || !l.cardTs) continue;
    enqueueSlack(
      ctx,
      {
        method: 'chat.postMessage',
        args: { channel: l.cardChannelId, thread_ts: l.cardTs, text: threadNotice(issue, change), unfurl_links: false },
      },
      { dedupeKey: `${tag}:ticket:${l.ticketId}` },
    );
  }
  const byLinker = new Map<string, number>();
  for (const l of links) if (l.linkedBy) byLinker.set(l.linkedBy, (byLinker.get(l.linkedBy) ?? 0) + 1);
  for (const [user, n] of byLinker) {
    enqueueSlack(
      ctx,
      {
        method: 'chat.postMessage',
        args: { channel: user, text: linkerNotice(issue, change, n), unfurl_links: false },
      },
      { dedupeKey: `${tag}:dm:${user}` },
    );
  }
  repo.recordStateNotice(ctx.workspaceId, issue.id, change === 'reopened' ? 'open' : 'closed', at);
  return links.length;
}

/**
 * An issue's state as the tracker reports it (webhook or reconcile). Only a
 * change is announced, so a webhook and the reconcile job never both do.
 */
export function applyIssueState({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: {
    provider: 'github' | 'linear';
    externalId: string;
    state: 'open' | 'closed';
    reason?: 'completed' | 'canceled';
    title?: string;
  };
}): { changed: boolean; announced: number } {
  return withTransaction(ctx, (tx) => {
    const repo = new FeedbackRepo(tx.db);
    const issue = repo.issueByExternal(tx.workspaceId, input.provider, input.externalId);
    if (!issue || issue.state === input.state) return { changed: false, announced: 0 };
    const now = tx.clock.now().getTime();
    repo.setState(issue.id, input.state, now);
    const change: IssueChange =
      input.state === 'open' ? 'reopened' : input.reason === 'canceled' ? 'canceled' : 'closed';
    const announced = announce(tx, { ...issue, title: input.title ?? issue.title }, change, now);
    return { changed: true, announced };
  });
}

/** GitHub transferred the issue to another repository: same issue, new id; links stay. */
export function applyIssueTransfer({ ctx, input }: { ctx: Ctx; input: { fromExternalId: string; to: TrackerIssue } }): {
  moved: boolean;
} {
  return withTransaction(ctx, (tx) => {
    const repo = new FeedbackRepo(tx.db);
    const from = repo.issueByExternal(tx.workspaceId, 'github', input.fromExternalId);
    if (!from) return { moved: false };
    const now = tx.clock.now().getTime();
    const existing = repo.issueByExternal(tx.workspaceId, 'github', input.to.externalId);
    if (existing && existing.id !== from.id) {
      repo.mergeInto(from.id, existing.id, now);
      enqueueWriteback(tx, existing);
    } else {
      repo.moveIssue(from.id, input.to, now);
      enqueueWriteback(tx, from);
    }
    return { moved: true };
  });
}

export function applyIssueDeleted({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { provider: 'github' | 'linear'; externalId: string };
}): { changed: boolean } {
  return withTransaction(ctx, (tx) => {
    const repo = new FeedbackRepo(tx.db);
    const issue = repo.issueByExternal(tx.workspaceId, input.provider, input.externalId);
    if (!issue) return { changed: false };
    const now = tx.clock.now().getTime();
    repo.setState(issue.id, 'closed', now);
    announce(tx, issue, 'deleted', now);
    return { changed: true };
  });
}

/**
 * The duplicate's links move to the surviving issue; a ticket linked to both
 * keeps one link, so nothing is counted twice.
 */
export function applyDuplicateMerge({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { duplicate: { provider: 'github' | 'linear'; externalId: string }; survivor: TrackerIssue };
}): { moved: number } {
  return withTransaction(ctx, (tx) => {
    const repo = new FeedbackRepo(tx.db);
    const dup = repo.issueByExternal(tx.workspaceId, input.duplicate.provider, input.duplicate.externalId);
    if (!dup || dup.mergedIntoId !== null) return { moved: 0 };
    const now = tx.clock.now().getTime();
    const survivor = repo.upsertIssue(tx.workspaceId, input.survivor, now);
    const moved = repo.mergeInto(dup.id, survivor.id, now);
    enqueueWriteback(tx, survivor);
    return { moved };
  });
}
