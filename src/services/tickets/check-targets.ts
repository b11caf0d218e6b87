import { and, eq, isNotNull, lte, ne } from 'drizzle-orm';
import { TicketsRepo } from '../../adapters/db/tickets.repo';
import { tickets } from '../../adapters/db/schema';
import { withTransaction } from '../../adapters/db/transaction';
import { enqueueSlack } from '../../adapters/slack/outbox';
import { dueSteps, nextStepAt, workingHoursFrom, type TargetSpec, type TargetStep } from '../../domain/tickets/targets';
import type { Ctx } from '../context';
import { dutyTeamAt } from './duty-team';
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

/**
 * Nudges the duty team at the configured fraction of a target and escalates to
 * the lead at breach — once each per ticket: the step is recorded as a ticket
 * event in the same transaction that queues the message.
 */
export function checkTargets({ ctx }: { ctx: Ctx }): { nudged: number; escalated: number } {
  const now = ctx.clock.now().getTime();
  const spec = targetSpec(ctx);
  const t = ctx.config.file.targets;
  // Only tickets whose next reminder is due: an index keeps this cheap however many tickets stay open.
  const due = ctx.db
    .select({
      id: tickets.id,
      createdAt: tickets.createdAt,
      firstResponseAt: tickets.firstResponseAt,
      resolvedAt: tickets.resolvedAt,
    })
    .from(tickets)
    .where(
      and(
        eq(tickets.workspaceId, ctx.workspaceId),
        isNotNull(tickets.nextTargetAt),
        lte(tickets.nextTargetAt, now),
        ne(tickets.status, 'resolved'),
      ),
    )
    .all();
  const duty = due.length ? dutyTeamAt(ctx) : null;
  let nudged = 0;
  let escalated = 0;
  for (const row of due) {
    const repo = new TicketsRepo(ctx.db);
    const done = new Set(steps.filter((s) => repo.hasEvent(row.id, `target.${s}`)));
    for (const step of dueSteps(row, spec, now, done)) {
      const what = step.startsWith('first_response')
        ? `first response (target ${t.firstResponseMinutes} min)`
        : `resolution (target ${t.resolutionWorkingHours} working h)`;
      withTransaction(ctx, (tx) => {
        const r = new TicketsRepo(tx.db);
        if (r.hasEvent(row.id, `target.${step}`)) return;
        r.addEvent(tx.workspaceId, row.id, `target.${step}`, null, now);
        const ticket = r.byId(tx.workspaceId, row.id)!;
        if (step.endsWith('.nudge')) {
          const who = duty?.onDuty.length ? duty.onDuty.map((u) => `<@${u}>`).join(' ') : 'Duty team';
          const channel = ticket.cardChannelId ?? ctx.config.file.dutyChannel;
          if (channel)
            enqueueSlack(
              tx,
              {
                method: 'chat.postMessage',
                args: {
                  channel,
                  ...(ticket.cardTs ? { thread_ts: ticket.cardTs } : {}),
                  text: `:hourglass_flowing_sand: ${who}: ticket #${row.id} is close to its ${what}.`,
                },
              },
              { dedupeKey: `ticket.${step}:${row.id}` },
            );
          nudged++;
        } else {
          escalateTicket({
            ctx: tx,
            input: { ticketId: row.id, by: null, reason: `Ticket #${row.id} missed its ${what}` },
          });
          escalated++;
        }
      });
      done.add(step);
    }
    repo.update(ctx.workspaceId, row.id, { nextTargetAt: nextStepAt(row, spec, done) });
  }
  return { nudged, escalated };
}
