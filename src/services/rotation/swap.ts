import { RotationRepo } from '../../adapters/db/rotation.repo';
import { SwapRequestsRepo, type SwapRequest } from '../../adapters/db/swap-requests.repo';
import { withTransaction } from '../../adapters/db/transaction';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors';
import { periodAt, periodIndexAt, type DutyPeriod } from '../../domain/rotation/rotation';
import type { Ctx } from '../context';
import { rotationSpec } from './get-duty';

/** The team a user belongs to (a person is in one team only). */
export function teamOf(ctx: Ctx, userId: string) {
  return rotationSpec(ctx).teams.find((t) => t.memberIds.includes(userId) || t.leadUserId === userId);
}

/** Periods not yet started in the next year, overrides applied: what can be offered or asked for. */
export function upcomingPeriods(ctx: Ctx, count = 26): DutyPeriod[] {
  const spec = rotationSpec(ctx);
  const overrides = new RotationRepo(ctx.db).overrides(ctx.workspaceId);
  const first = periodIndexAt(spec, ctx.clock.now()) + 1;
  return Array.from({ length: count }, (_, k) => periodAt(spec, first + k, overrides)).filter(
    (p): p is DutyPeriod => !!p,
  );
}

/**
 * Asks another team to trade one of its periods for one of mine. Nothing
 * changes until its lead accepts; the request lapses when either period starts.
 */
export function requestSwap({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { userId: string; myPeriod: number; theirPeriod: number };
}): { request: SwapRequest; mine: DutyPeriod; theirs: DutyPeriod } {
  const spec = rotationSpec(ctx);
  const overrides = new RotationRepo(ctx.db).overrides(ctx.workspaceId);
  const team = teamOf(ctx, input.userId);
  if (!team) throw new ForbiddenError('Only members of a duty team can swap periods.');
  const mine = periodAt(spec, input.myPeriod, overrides);
  const theirs = periodAt(spec, input.theirPeriod, overrides);
  if (!mine || !theirs) throw new NotFoundError('That period does not exist.');
  const now = ctx.clock.now();
  if (mine.start <= now || theirs.start <= now)
    throw new ValidationError('That period has already started or is past: only future periods can be swapped.');
  if (mine.team.id !== team.id) throw new ValidationError(`That period is not ${team.name}'s to offer.`);
  if (theirs.team.id === team.id)
    throw new ValidationError("That period is already your own team's: pick another team's period.");
  const requests = new SwapRequestsRepo(ctx.db);
  const taken = requests
    .pending(ctx.workspaceId)
    .find((r) => [r.fromPeriod, r.toPeriod].some((p) => p === input.myPeriod || p === input.theirPeriod));
  if (taken) throw new ConflictError('One of those periods is already part of a pending swap request.');
  const request = requests.create({
    workspaceId: ctx.workspaceId,
    requestedBy: input.userId,
    fromTeamId: team.id,
    fromPeriod: mine.index,
    toTeamId: theirs.team.id,
    toPeriod: theirs.index,
    expiresAt: Math.min(mine.start.getTime(), theirs.start.getTime()),
    createdAt: now.getTime(),
  });
  return { request, mine, theirs };
}

export interface SwapAnswer {
  request: SwapRequest;
  outcome: 'accepted' | 'declined';
}

/**
 * The other team's lead answers. Accepting applies the swap at once. `tell`
 * queues the notifications in the same transaction as the answer: both are
 * committed, or neither (a crash between the two would lose the news).
 */
export function answerSwap({
  ctx,
  input,
  tell,
}: {
  ctx: Ctx;
  input: { requestId: number; userId: string; accept: boolean };
  tell?: (tx: Ctx, answer: SwapAnswer) => void;
}): SwapAnswer {
  const answer = withTransaction(ctx, (tx) => {
    const settled = settleSwap(tx, input);
    if ('lapsed' in settled) return settled;
    tell?.(tx, settled);
    return settled;
  });
  // Thrown after the commit, so the request is kept as expired and frees its periods for new requests.
  if ('lapsed' in answer) throw new ConflictError(answer.lapsed);
  return answer;
}

function settleSwap(
  tx: Ctx,
  input: { requestId: number; userId: string; accept: boolean },
): SwapAnswer | { lapsed: string } {
  const requests = new SwapRequestsRepo(tx.db);
  const request = requests.get(tx.workspaceId, input.requestId);
  if (!request) throw new NotFoundError('That swap request does not exist.');
  const spec = rotationSpec(tx);
  const lead = spec.teams.find((t) => t.id === request.toTeamId)?.leadUserId;
  if (lead !== input.userId) throw new ForbiddenError("Only the other team's lead can answer this swap request.");
  if (request.status !== 'pending') throw new ConflictError(`This swap request was already ${request.status}.`);
  if (tx.clock.now().getTime() >= request.expiresAt) {
    requests.settle(request.id, 'expired');
    return { lapsed: 'This swap request expired: one of its periods has started.' };
  }
  if (!input.accept) {
    requests.settle(request.id, 'declined');
    return { request, outcome: 'declined' as const };
  }
  const overrides = new RotationRepo(tx.db).overrides(tx.workspaceId);
  const a = periodAt(spec, request.fromPeriod, overrides);
  const b = periodAt(spec, request.toPeriod, overrides);
  if (a?.team.id !== request.fromTeamId || b?.team.id !== request.toTeamId) {
    requests.settle(request.id, 'expired');
    return { lapsed: 'The schedule changed since this request was made; ask again with /duty swap.' };
  }
  if (!requests.settle(request.id, 'accepted')) throw new ConflictError('This swap request was already answered.');
  new RotationRepo(tx.db).add(
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
