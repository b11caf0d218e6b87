import type { Ctx } from '../context';
import type { Issue } from '../ports/feedback';
import type { TrackerIssue } from '../ports/issue-tracker';
import type { IssueChange } from '../ports/messages/feedback';
import { inTransaction } from '../transaction';
import { enqueueWriteback } from './enqueue-writeback';

/** Tells every linked ticket's thread and each person who linked one. Runs inside the caller's transaction. */
async function announce(tx: Ctx, issue: Issue, change: IssueChange, at: number): Promise<number> {
  const links = await tx.repos.feedback.linksOfIssue(tx.workspaceId, issue.id);
  const tag = `issue:${issue.id}:${change}:${at}`;
  const named = { key: issue.key, url: issue.url, title: issue.title };
  for (const l of links) {
    if (!l.cardChannelId || !l.cardTs) continue;
    await tx.notify.send(
      { kind: 'feedback.issue_changed', channel: l.cardChannelId, threadTs: l.cardTs, issue: named, change },
      { dedupeKey: `${tag}:ticket:${l.ticketId}` },
    );
  }
  const byLinker = new Map<string, number>();
  for (const l of links) if (l.linkedBy) byLinker.set(l.linkedBy, (byLinker.get(l.linkedBy) ?? 0) + 1);
  for (const [user, tickets] of byLinker) {
    await tx.notify.send(
      { kind: 'feedback.linked_issue_changed', to: user, issue: named, change, tickets },
      { dedupeKey: `${tag}:dm:${user}` },
    );
  }
  await tx.repos.feedback.recordStateNotice(tx.workspaceId, issue.id, change === 'reopened' ? 'open' : 'closed', at);
  return links.length;
}

/**
 * An issue's state as the tracker reports it (webhook or reconcile). Only a
 * change is announced, so a webhook and the reconcile job never both do.
 */
export async function applyIssueState({
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
}): Promise<{ changed: boolean; announced: number }> {
  return inTransaction(ctx, async (tx) => {
    const feedback = tx.repos.feedback;
    const issue = await feedback.issueByExternal(tx.workspaceId, input.provider, input.externalId);
    if (!issue || issue.state === input.state) return { changed: false, announced: 0 };
    const now = tx.clock.now().getTime();
    await feedback.setState(issue.id, input.state, now);
    const change: IssueChange =
      input.state === 'open' ? 'reopened' : input.reason === 'canceled' ? 'canceled' : 'closed';
    const announced = await announce(tx, { ...issue, title: input.title ?? issue.title }, change, now);
    return { changed: true, announced };
  });
}

/** GitHub transferred the issue to another repository: same issue, new id; links stay. */
export async function applyIssueTransfer({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { fromExternalId: string; to: TrackerIssue };
}): Promise<{ moved: boolean }> {
  return inTransaction(ctx, async (tx) => {
    const feedback = tx.repos.feedback;
    const from = await feedback.issueByExternal(tx.workspaceId, 'github', input.fromExternalId);
    if (!from) return { moved: false };
    const now = tx.clock.now().getTime();
    const existing = await feedback.issueByExternal(tx.workspaceId, 'github', input.to.externalId);
    if (existing && existing.id !== from.id) {
      await feedback.mergeInto(from.id, existing.id, now);
      await enqueueWriteback(tx, existing);
    } else {
      await feedback.moveIssue(from.id, input.to, now);
      await enqueueWriteback(tx, from);
    }
    return { moved: true };
  });
}

export async function applyIssueDeleted({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { provider: 'github' | 'linear'; externalId: string };
}): Promise<{ changed: boolean }> {
  return inTransaction(ctx, async (tx) => {
    const issue = await tx.repos.feedback.issueByExternal(tx.workspaceId, input.provider, input.externalId);
    if (!issue) return { changed: false };
    const now = tx.clock.now().getTime();
    await tx.repos.feedback.setState(issue.id, 'closed', now);
    await announce(tx, issue, 'deleted', now);
    return { changed: true };
  });
}

/**
 * The duplicate's links move to the surviving issue; a ticket linked to both
 * keeps one link, so nothing is counted twice.
 */
export async function applyDuplicateMerge({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { duplicate: { provider: 'github' | 'linear'; externalId: string }; survivor: TrackerIssue };
}): Promise<{ moved: number }> {
  return inTransaction(ctx, async (tx) => {
    const feedback = tx.repos.feedback;
    const dup = await feedback.issueByExternal(tx.workspaceId, input.duplicate.provider, input.duplicate.externalId);
    if (!dup || dup.mergedIntoId !== null) return { moved: 0 };
    const now = tx.clock.now().getTime();
    const survivor = await feedback.upsertIssue(tx.workspaceId, input.survivor, now);
    const moved = await feedback.mergeInto(dup.id, survivor.id, now);
    await enqueueWriteback(tx, survivor);
    return { moved };
  });
}
