import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors';
import { periodAt, periodIndexAt, type DutyPeriod, type RotationTeam } from '../../domain/rotation/rotation';
import type { Ctx } from '../context';
import type { SwapRequest } from '../ports/rotation';
import { inTransaction } from '../transaction';
import { rotationSpec } from './get-duty';

/** The team a user belongs to (a person is in one team only). */
export async function teamOf(ctx: Ctx, userId: string): Promise<RotationTeam | undefined> {
  return teamOfIn((await rotationSpec(ctx)).teams, userId);
}

function teamOfIn(teams: RotationTeam[], userId: string): RotationTeam | undefined {
  return teams.find((t) => t.memberIds.includes(userId) || t.leadUserId === userId);
}

/** Periods not yet started in the next year, overrides applied: what can be offered or asked for. */
export async function upcomingPeriods(ctx: Ctx, count = 26): Promise<DutyPeriod[]> {
  const spec = await rotationSpec(ctx);
  const overrides = await ctx.repos.rotation.overrides(ctx.workspaceId);
  const first = periodIndexAt(spec, ctx.clock.now()) + 1;
  return Array.from({ length: count }, (_, k) => periodAt(spec, first + k, overrides)).filter(
    (p): p is DutyPeriod => !!p,
  );
}

/**
 * Asks another team to trade one of its periods for one of mine: the request
 * and the question to that team's lead commit together. Nothing changes until
 * the lead accepts; the request lapses when either period starts.
 */
export function requestSwap({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { userId: string; myPeriod: number; theirPeriod: number };
}): Promise<{ request: SwapRequest; mine: DutyPeriod; theirs: DutyPeriod; lead: string }> {
  return inTransaction(ctx, async (tx) => {
    const spec = await rotationSpec(tx);
    const overrides = await tx.repos.rotation.overrides(tx.workspaceId);
    const team = teamOfIn(spec.teams, input.userId);
    if (!team) throw new ForbiddenError('Only members of a duty team can swap periods.');
    const mine = periodAt(spec, input.myPeriod, overrides);
    const theirs = periodAt(spec, input.theirPeriod, overrides);
    if (!mine || !theirs) throw new NotFoundError('That period does not exist.');
    const now = tx.clock.now();
    if (mine.start <= now || theirs.start <= now)
      throw new ValidationError('That period has already started or is past: only future periods can be swapped.');
    if (mine.team.id !== team.id) throw new ValidationError(`That period is not ${team.name}'s to offer.`);
    if (theirs.team.id === team.id)
      throw new ValidationError("That period is already your own team's: pick another team's period.");
    const taken = (await tx.repos.swaps.pending(tx.workspaceId)).find((r) =>
      [r.fromPeriod, r.toPeriod].some((p) => p === input.myPeriod || p === input.theirPeriod),
    );
    if (taken) throw new ConflictError('One of those periods is already part of a pending swap request.');
    const request = await tx.repos.swaps.create({
      workspaceId: tx.workspaceId,
      requestedBy: input.userId,
      fromTeamId: team.id,
      fromPeriod: mine.index,
      toTeamId: theirs.team.id,
      toPeriod: theirs.index,
      expiresAt: Math.min(mine.start.getTime(), theirs.start.getTime()),
      createdAt: now.getTime(),
    });
    const lead = theirs.team.leadUserId ?? theirs.team.memberIds[0]!;
    await tx.notify.send(
      { kind: 'rotation.swap_asked', to: lead, requestId: request.id, by: input.userId, mine, theirs, zone: spec.zone },
      { dedupeKey: `swap:${request.id}:ask` },
    );
    return { request, mine, theirs, lead };
  });
}

export interface SwapAnswer {
  request: SwapRequest;
  outcome: 'accepted' | 'declined';
  /** The name of the team that asked. */
  fromTeam: string | undefined;
}

/**
 * The other team's lead answers. Accepting applies the swap at once. The
 * answer and the news of it (to the requester, or to both teams) commit
 * together, or neither does (a crash between the two would lose the news).
 */
export async function answerSwap({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { requestId: number; userId: string; accept: boolean };
}): Promise<SwapAnswer> {
  const answer = await inTransaction(ctx, async (tx) => {
    const settled = await settleSwap(tx, input);
    if ('lapsed' in settled) return settled;
    return await tellSwapAnswer(tx, settled, input.userId);
  });
  // Thrown after the commit, so the request is kept as expired and frees its periods for new requests.
  if ('lapsed' in answer) throw new ConflictError(answer.lapsed);
  return answer;
}

async function tellSwapAnswer(
  tx: Ctx,
  { request, outcome }: Omit<SwapAnswer, 'fromTeam'>,
  by: string,
): Promise<SwapAnswer> {
  const teams = (await rotationSpec(tx)).teams;
  const from = teams.find((t) => t.id === request.fromTeamId);
  const to = teams.find((t) => t.id === request.toTeamId);
  if (outcome === 'declined') {
    await tx.notify.send(
      { kind: 'rotation.swap_declined', to: request.requestedBy, by, byTeam: to?.name },
      { dedupeKey: `swap:${request.id}:declined` },
    );
  } else {
    for (const person of new Set([...(from?.memberIds ?? []), ...(to?.memberIds ?? [])]))
      await tx.notify.send(
        { kind: 'rotation.swap_agreed', to: person, fromTeam: from?.name, toTeam: to?.name },
        { dedupeKey: `swap:${request.id}:told:${person}` },
      );
  }
  return { request, outcome, fromTeam: from?.name };
}

async function settleSwap(
  tx: Ctx,
  input: { requestId: number; userId: string; accept: boolean },
): Promise<Omit<SwapAnswer, 'fromTeam'> | { lapsed: string }> {
  const swaps = tx.repos.swaps;
  const request = await swaps.get(tx.workspaceId, input.requestId);
  if (!request) throw new NotFoundError('That swap request does not exist.');
  const spec = await rotationSpec(tx);
  const lead = spec.teams.find((t) => t.id === request.toTeamId)?.leadUserId;
  if (lead !== input.userId) throw new ForbiddenError("Only the other team's lead can answer this swap request.");
  if (request.status !== 'pending') throw new ConflictError(`This swap request was already ${request.status}.`);
  if (tx.clock.now().getTime() >= request.expiresAt) {
    await swaps.settle(request.id, 'expired');
    return { lapsed: 'This swap request expired: one of its periods has started.' };
  }
  if (!input.accept) {
    await swaps.settle(request.id, 'declined');
    return { request, outcome: 'declined' as const };
  }
  const overrides = await tx.repos.rotation.overrides(tx.workspaceId);
  const a = periodAt(spec, request.fromPeriod, overrides);
  const b = periodAt(spec, request.toPeriod, overrides);
  if (a?.team.id !== request.fromTeamId || b?.team.id !== request.toTeamId) {
    await swaps.settle(request.id, 'expired');
    return { lapsed: 'The schedule changed since this request was made; ask again with /duty swap.' };
  }
  if (!(await swaps.settle(request.id, 'accepted'))) throw new ConflictError('This swap request was already answered.');
  await tx.repos.rotation.add(
    tx.workspaceId,
    {
      kind: 'swap',
      periodA: request.fromPeriod,
      teamA: request.fromTeamId,
      periodB: request.toPeriod,
      teamB: request.toTeamId,
    },
    input.userId,
    tx.clock.now().getTime(),
  );
  return { request, outcome: 'accepted' as const };
}
