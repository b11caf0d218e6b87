import { NotFoundError, ValidationError } from '../../domain/errors';
import type { Ctx } from '../context';
import { indexTicket } from '../knowledge/index-knowledge';
import type { IssueTracker, TrackerIssue } from '../ports/issue-tracker';
import { inTransaction } from '../transaction';
import { enqueueWriteback } from './enqueue-writeback';

const providerName = { github: 'GitHub', linear: 'Linear' } as const;
/** A tracker that does not answer within this time counts as down: the link is kept, the write-back waits. */
export const trackerTimeoutMs = 2_000;

export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`tracker did not answer within ${ms} ms`)), ms);
    }),
  ]);
}

/** What the search box hands back: "id:12" (already known), "github:owner/repo#3", "linear:<uuid>|ENG-4". */
export function parseChoice(
  value: string,
): { issueId: number } | { provider: 'github' | 'linear'; externalId: string; key?: string } | null {
  const id = /^id:(\d+)$/.exec(value);
  if (id) return { issueId: Number(id[1]) };
  const ext = /^(github|linear):([^|]+)(?:\|(.+))?$/.exec(value);
  if (ext) return { provider: ext[1] as 'github' | 'linear', externalId: ext[2]!, key: ext[3] };
  return null;
}

function fallbackIssue(provider: 'github' | 'linear', externalId: string, key?: string): TrackerIssue | null {
  if (provider === 'github') {
    const m = /^([\w.-]+\/[\w.-]+)#(\d+)$/.exec(externalId);
    if (!m) return null;
    return {
      provider,
      externalId,
      key: externalId,
      title: externalId,
      url: `https://github.com/${m[1]}/issues/${m[2]}`,
      state: 'open',
      isPrivate: false,
      container: m[1],
    };
  }
  if (!key) return null;
  return {
    provider,
    externalId,
    key,
    title: key,
    url: `https://linear.app/issue/${key}`,
    state: 'open',
    isPrivate: true,
  };
}

export interface LinkResult {
  issueId: number;
  key: string;
  created: boolean;
  /** False when the tracker did not answer: the link is stored and the write-back retries. */
  trackerReachable: boolean;
}

/**
 * Links a ticket to an issue picked in the search box or typed as a URL/key.
 * The issue must exist and live in a configured repository/team; if the
 * tracker is down, the link is stored anyway and the counts are written later.
 */
export async function linkTicketToIssue({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { ticketId: number; choice: string; linkedBy: string | null };
}): Promise<LinkResult> {
  const repo = ctx.repos.feedback;
  const ticket = await ctx.repos.tickets.byId(ctx.workspaceId, input.ticketId);
  if (!ticket) throw new NotFoundError(`Ticket ${input.ticketId} does not exist.`);

  let target = parseChoice(input.choice.trim());
  if (!target) {
    for (const t of Object.values(ctx.trackers) as IssueTracker[]) {
      const ref = t.parseRef(input.choice);
      if (ref) {
        target = { provider: t.provider, externalId: ref };
        break;
      }
    }
  }
  if (!target)
    throw new ValidationError('Pick an issue from the list, or paste its URL.', {
      issue: 'Pick an issue from the list, or paste its URL.',
    });

  const known =
    'issueId' in target
      ? await repo.issue(ctx.workspaceId, target.issueId)
      : await repo.issueByExternal(ctx.workspaceId, target.provider, target.externalId);
  if ('issueId' in target && !known)
    throw new ValidationError('That issue is no longer known.', {
      issue: 'That issue is no longer known to dutyloop.',
    });
  const provider = known?.provider ?? (target as { provider: 'github' | 'linear' }).provider;
  const externalId = known?.externalId ?? (target as { externalId: string }).externalId;
  const tracker = ctx.trackers[provider];
  if (!tracker)
    throw new ValidationError(`${providerName[provider]} is not connected.`, {
      issue: `${providerName[provider]} is not connected to dutyloop.`,
    });

  let fresh: TrackerIssue | null | undefined;
  let reachable = true;
  try {
    fresh = await withTimeout(tracker.get(externalId), trackerTimeoutMs);
  } catch (err) {
    reachable = false;
    ctx.log.warn({ err, provider }, 'feedback: tracker unreachable while linking; link kept, write-back will retry');
  }
  if (reachable && !fresh) {
    throw new ValidationError('That issue no longer exists.', {
      issue: `${known?.key ?? externalId} no longer exists on ${providerName[provider]} (or dutyloop cannot see it).`,
    });
  }
  if (fresh && !tracker.isConfigured(fresh)) {
    const where = provider === 'github' ? `the repository ${fresh.container}` : `the team ${fresh.container}`;
    throw new ValidationError(`Not a configured ${provider} location.`, {
      issue: `${where} is not configured for dutyloop (feedback.${provider} in config/dutyloop.yaml).`,
    });
  }
  const issueData =
    fresh ?? (known ? null : fallbackIssue(provider, externalId, 'key' in target ? target.key : undefined));
  if (!known && !issueData) {
    throw new ValidationError(`${providerName[provider]} is not answering.`, {
      issue: `${providerName[provider]} is not answering right now; try again in a minute.`,
    });
  }

  const now = ctx.clock.now().getTime();
  return inTransaction(ctx, async (tx) => {
    const r = tx.repos.feedback;
    let row = issueData ? await r.upsertIssue(tx.workspaceId, issueData, now) : known!;
    if (fresh && fresh.state !== row.state) {
      await r.setState(row.id, fresh.state, now);
      row = { ...row, state: fresh.state };
    }
    const { created } = await r.link({ ws: tx.workspaceId, ticket, issueId: row.id, linkedBy: input.linkedBy, now });
    if (created) {
      await enqueueWriteback(tx, row);
      await noteLinkInThread(tx, ticket, row, input.linkedBy);
      await indexTicket({ ctx: tx, input: { ticketId: ticket.id } });
    }
    return { issueId: row.id, key: row.key, created, trackerReachable: reachable };
  });
}

export async function unlinkTicketFromIssue({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { ticketId: number; issueId: number };
}): Promise<{ removed: boolean }> {
  return inTransaction(ctx, async (tx) => {
    const r = tx.repos.feedback;
    const issue = await r.issue(tx.workspaceId, input.issueId);
    if (!issue) throw new NotFoundError(`Issue ${input.issueId} does not exist.`);
    const removed = await r.unlink(tx.workspaceId, input.ticketId, input.issueId);
    if (removed) {
      await enqueueWriteback(tx, issue);
      await indexTicket({ ctx: tx, input: { ticketId: input.ticketId } });
    }
    return { removed };
  });
}

/** A line in the ticket card's thread, so the duty team sees where the feedback went. */
export async function noteLinkInThread(
  tx: Ctx,
  ticket: { id: number; cardChannelId: string | null; cardTs: string | null },
  issue: { id: number; key: string; url: string; title: string },
  by: string | null,
): Promise<void> {
  if (!ticket.cardChannelId || !ticket.cardTs) return;
  await tx.notify.send(
    {
      kind: 'feedback.ticket_linked',
      channel: ticket.cardChannelId,
      threadTs: ticket.cardTs,
      issue: { key: issue.key, url: issue.url, title: issue.title },
      by,
    },
    { dedupeKey: `link:${ticket.id}:${issue.id}:${tx.clock.now().getTime()}` },
  );
}
