import { headsUpAt } from '../../domain/rotation/heads-up';
import { periodAt, periodIndexAt, type DutyPeriod } from '../../domain/rotation/rotation';
import type { Ctx } from '../context';
import { inTransaction } from '../transaction';
import { rotationSpec } from './get-duty';
import { collectHandoffSummary } from './handoff-summary';

export const handoffJobName = 'rotation.handoff';
export const headsUpJobName = 'rotation.heads_up';
/** A handoff run more than this after its boundary says so in the message. */
const lateAfterMs = 5 * 60_000;

export interface HandoffOutcome {
  /** adopted: the first run of a new installation, mid-period (topic and group only). */
  handoff: 'done' | 'adopted' | 'already' | 'no_teams';
  late?: boolean;
  headsUp: 'done' | 'already' | 'not_due' | 'off';
}

/**
 * Performs the handoff of the period running now, exactly once: the unique
 * job_runs row keyed by the period's start is the lock, so a restart or a
 * second process on the same database finds it taken. Run every minute and at
 * start, it also catches a boundary passed while the process was down (late).
 * Every message is queued in the same transaction as the run's record.
 */
export async function runHandoff({ ctx }: { ctx: Ctx }): Promise<HandoffOutcome> {
  const { file } = ctx.config;
  const spec = await rotationSpec(ctx);
  const overrides = await ctx.repos.rotation.overrides(ctx.workspaceId);
  const now = ctx.clock.now();
  const i = periodIndexAt(spec, now);
  const current = periodAt(spec, i, overrides);
  if (!current) return { handoff: 'no_teams', headsUp: 'off' };
  const late = now.getTime() - current.start.getTime() > lateAfterMs;
  const outcome: HandoffOutcome = { handoff: 'already', headsUp: file.rotation.headsUp ? 'not_due' : 'off' };

  // A new installation joins a period already under way: it points the topic and
  // user group at the team on duty, but announces nothing that was never missed.
  const firstEver = !(await ctx.repos.jobs.last(ctx.workspaceId, handoffJobName));
  await inTransaction(ctx, async (tx) => {
    const adopt = firstEver && late;
    const runId = await tx.repos.jobs.tryStart(
      tx.workspaceId,
      handoffJobName,
      current.start.toISOString(),
      now.getTime(),
      late,
    );
    if (runId === null) return;
    const outgoing = periodAt(spec, i - 1, overrides);
    await announceHandoff(tx, { current, outgoing, late, adopt });
    await tx.repos.jobs.finish(runId, now.getTime());
    outcome.handoff = adopt ? 'adopted' : 'done';
    outcome.late = late;
    if (late && !adopt)
      ctx.log.warn(
        { period: current.index, dueAt: current.start.toISOString() },
        'rotation: handoff ran late (the process was down at the boundary)',
      );
  });

  if (file.rotation.headsUp) outcome.headsUp = await runHeadsUp(ctx, i + 1, firstEver);
  return outcome;
}

/**
 * The handoff's messages: the announcement in the duty channel (with the other
 * areas' summary of the period that ended), its topic, the duty user group and
 * a briefing DM to each incoming member. Adopting says only topic and group.
 */
async function announceHandoff(
  tx: Ctx,
  { current, outgoing, late, adopt }: { current: DutyPeriod; outgoing?: DutyPeriod; late: boolean; adopt: boolean },
): Promise<void> {
  const { file } = tx.config;
  const zone = file.timezone;
  const key = `handoff:${current.start.toISOString()}`;
  const summary = outgoing ? await collectHandoffSummary(tx, outgoing) : [];
  if (file.dutyChannel && !adopt) {
    await tx.notify.send(
      { kind: 'rotation.handoff', channel: file.dutyChannel, incoming: current, outgoing, summary, zone, late },
      { dedupeKey: `${key}:message` },
    );
  }
  if (file.dutyChannel) {
    await tx.notify.send(
      { kind: 'rotation.duty_topic', channel: file.dutyChannel, period: current, zone },
      { dedupeKey: `${key}:topic` },
    );
  }
  const groupUsers = userGroupMembers(current);
  if (file.userGroup && groupUsers.length > 0) {
    await tx.notify.send(
      { kind: 'rotation.duty_user_group', userGroup: file.userGroup, users: groupUsers },
      { dedupeKey: `${key}:usergroup` },
    );
  }
  if (current.onDuty.length === 0) {
    tx.log.warn(
      { team: current.team.name, period: current.index },
      `rotation: nobody in team ${current.team.name} is available this period; the duty user group points at its lead`,
    );
  }
  for (const user of adopt ? [] : current.onDuty) {
    await tx.notify.send(
      { kind: 'rotation.briefing', to: user, period: current, dutyChannel: file.dutyChannel, zone },
      { dedupeKey: `${key}:brief:${user}` },
    );
  }
}

/**
 * Who the duty user group names: the team on duty, or its lead when everyone
 * is away. Slack refuses an empty list (invalid_arguments), and a group still
 * naming the previous team would page the wrong people.
 */
export function userGroupMembers(period: DutyPeriod): string[] {
  if (period.onDuty.length > 0) return period.onDuty;
  return period.team.leadUserId ? [period.team.leadUserId] : [];
}

/** The working day before a team's duty, one DM to each of its members. */
async function runHeadsUp(ctx: Ctx, nextIndex: number, quiet: boolean): Promise<HandoffOutcome['headsUp']> {
  const { file } = ctx.config;
  const spec = await rotationSpec(ctx);
  const next = periodAt(spec, nextIndex, await ctx.repos.rotation.overrides(ctx.workspaceId));
  if (!next) return 'off';
  const now = ctx.clock.now();
  const due = headsUpAt(next.start, file.timezone, file.targets.workingHours?.days);
  if (now < due || now >= next.start) return 'not_due';
  return inTransaction(ctx, async (tx) => {
    const runId = await tx.repos.jobs.tryStart(
      tx.workspaceId,
      headsUpJobName,
      next.start.toISOString(),
      now.getTime(),
      false,
    );
    if (runId === null) return 'already' as const;
    for (const user of quiet ? [] : next.onDuty) {
      await tx.notify.send(
        { kind: 'rotation.heads_up', to: user, period: next, zone: file.timezone },
        { dedupeKey: `headsup:${next.start.toISOString()}:${user}` },
      );
    }
    await tx.repos.jobs.finish(runId, now.getTime());
    return 'done' as const;
  });
}
