import {
  describeTarget,
  dueSteps,
  nextStepAt,
  type ResponseTarget,
  type TargetSpec,
  type TargetStep,
  workingHoursFrom,
} from '../../domain/tickets/targets';
import type { Ctx } from '../context';
import { inTransaction } from '../transaction';
import { dutyTeamAt, type DutyTeam } from './duty-team';
import { escalateTicket } from './escalate-ticket';

const steps: TargetStep[] = ['first_response.nudge', 'first_response.breach', 'resolution.nudge', 'resolution.breach'];

export function targetSpec(ctx: Ctx): TargetSpec {
  const t = ctx.config.file.targets;
  return {
    firstResponseMinutes: t.firstResponseMinutes,
    resolutionWorkingHours: t.resolutionWorkingHours,
    nudgeAtFraction: t.nudgeAtFraction,
    hours: workingHoursFrom(t.workingHours),
    zone: ctx.config.file.timezone,
  };
}

/** The target a step is about, with its configured size. */
function targetOf(ctx: Ctx, step: TargetStep): ResponseTarget {
  const t = ctx.config.file.targets;
  return step.startsWith('first_response')
    ? { kind: 'first_response', minutes: t.firstResponseMinutes }
    : { kind: 'resolution', workingHours: t.resolutionWorkingHours };
}

/**
 * Nudges the duty team at the configured fraction of a target and escalates to
 * the lead at breach — once each per ticket: the step is recorded as a ticket
 * event in the same transaction that queues the message.
 */
export async function checkTargets({ ctx }: { ctx: Ctx }): Promise<{ nudged: number; escalated: number }> {
  const now = ctx.clock.now().getTime();
  const spec = targetSpec(ctx);
  const due = await ctx.repos.tickets.dueForTargets(ctx.workspaceId, now);
  const duty = due.length ? await dutyTeamAt(ctx) : null;
  const counts = { nudged: 0, escalated: 0 };
  for (const row of due) {
    const done = new Set<TargetStep>();
    for (const s of steps) if (await ctx.repos.tickets.hasEvent(row.id, `target.${s}`)) done.add(s);
    for (const step of dueSteps(row, spec, now, done)) {
      const taken = await inTransaction(ctx, (tx) => takeStep(tx, row.id, step, duty, now));
      if (taken) counts[taken]++;
      done.add(step);
    }
    await ctx.repos.tickets.update(ctx.workspaceId, row.id, { nextTargetAt: nextStepAt(row, spec, done) });
  }
  return counts;
}

/** Records the step and nudges or escalates, unless another run took it first. */
async function takeStep(
  tx: Ctx,
  ticketId: number,
  step: TargetStep,
  duty: DutyTeam | null,
  now: number,
): Promise<'nudged' | 'escalated' | null> {
  const tickets = tx.repos.tickets;
  if (await tickets.hasEvent(ticketId, `target.${step}`)) return null;
  await tickets.addEvent(tx.workspaceId, ticketId, `target.${step}`, null, now);
  const target = targetOf(tx, step);
  if (step.endsWith('.breach')) {
    const reason = `Ticket #${ticketId} missed its ${describeTarget(target)}`;
    await escalateTicket({ ctx: tx, input: { ticketId, by: null, reason } });
    return 'escalated';
  }
  const ticket = (await tickets.byId(tx.workspaceId, ticketId))!;
  const channel = ticket.cardChannelId ?? tx.config.file.dutyChannel;
  if (channel)
    await tx.notify.send(
      { kind: 'ticket.target_nudge', channel, threadTs: ticket.cardTs, ticketId, onDuty: duty?.onDuty ?? [], target },
      { dedupeKey: `ticket.${step}:${ticketId}` },
    );
  return 'nudged';
}
