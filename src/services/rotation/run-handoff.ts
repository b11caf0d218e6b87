import { JobRunsRepo } from '../../adapters/jobs/job-runs.repo';
import { withTransaction } from '../../adapters/db/transaction';
import { briefingText, dutyTopic, handoffBlocks, headsUpText } from '../../adapters/slack/blocks/rotation-handoff';
import { enqueueSlack } from '../../adapters/slack/outbox';
import { headsUpAt } from '../../domain/rotation/heads-up';
import { periodAt, periodIndexAt, type DutyPeriod } from '../../domain/rotation/rotation';
import { RotationRepo } from '../../adapters/db/rotation.repo';
import type { Ctx } from '../context';
import { rotationSpec } from './get-duty';
import { collectHandoffSummary } from './handoff-summary';

export const handoffJobName = 'rotation.handoff';
export const headsUpJobName = 'rotation.heads_up';
export const userGroupKind = 'rotation.usergroup';
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
 * Every Slack write goes through the outbox in the same transaction.
 */
export function runHandoff({ ctx }: { ctx: Ctx }): HandoffOutcome {
  const { file } = ctx.config;
  const zone = file.timezone;
  const spec = rotationSpec(ctx);
  const overrides = new RotationRepo(ctx.db).overrides(ctx.workspaceId);
  const now = ctx.clock.now();
  const i = periodIndexAt(spec, now);
  const current = periodAt(spec, i, overrides);
  if (!current) return { handoff: 'no_teams', headsUp: 'off' };
  const runs = new JobRunsRepo(ctx.db);
  const late = now.getTime() - current.start.getTime() > lateAfterMs;
  const outcome: HandoffOutcome = { handoff: 'already', headsUp: file.rotation.headsUp ? 'not_due' : 'off' };

  // A new installation joins a period already under way: it points the topic and
  // user group at the team on duty, but announces nothing that was never missed.
  const firstEver = !runs.last(ctx.workspaceId, handoffJobName);
  withTransaction(ctx, (tx) => {
    const adopt = firstEver && late;
    const runId = runs.tryStart(ctx.workspaceId, handoffJobName, current.start.toISOString(), now.getTime(), late);
    if (runId === null) return;
    const outgoing = periodAt(spec, i - 1, overrides);
    const summary = outgoing ? collectHandoffSummary(ctx, outgoing) : [];
    const key = `handoff:${current.start.toISOString()}`;
    if (file.dutyChannel && !adopt) {
      const { text, blocks } = handoffBlocks(current, outgoing, summary, zone, late);
      enqueueSlack(
        tx,
        { method: 'chat.postMessage', args: { channel: file.dutyChannel, text, blocks, unfurl_links: false } },
        { dedupeKey: `${key}:message` },
      );
    }
    if (file.dutyChannel) {
      enqueueSlack(
        tx,
        { method: 'conversations.setTopic', args: { channel: file.dutyChannel, topic: dutyTopic(current, zone) } },
        { dedupeKey: `${key}:topic` },
      );
    }
    const groupUsers = userGroupMembers(current);
    if (file.userGroup && groupUsers.length > 0) {
      enqueueSlack(
        tx,
        { method: 'usergroups.users.update', args: { usergroup: file.userGroup, users: groupUsers.join(',') } },
        { dedupeKey: `${key}:usergroup`, kind: userGroupKind },
      );
    }
    if (current.onDuty.length === 0) {
      ctx.log.warn(
        { team: current.team.name, period: current.index },
        `rotation: nobody in team ${current.team.name} is available this period; the duty user group points at its lead`,
      );
    }
    for (const user of adopt ? [] : current.onDuty) {
      enqueueSlack(
        tx,
        { method: 'chat.postMessage', args: { channel: user, text: briefingText(current, file.dutyChannel, zone) } },
        { dedupeKey: `${key}:brief:${user}` },
      );
    }
    runs.finish(runId, now.getTime());
    outcome.handoff = adopt ? 'adopted' : 'done';
    outcome.late = late;
    if (late && !adopt)
      ctx.log.warn(
        { period: current.index, dueAt: current.start.toISOString() },
        'rotation: handoff ran late (the process was down at the boundary)',
      );
  });

  if (file.rotation.headsUp) outcome.headsUp = runHeadsUp(ctx, i + 1, firstEver);
  return outcome;
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
function runHeadsUp(ctx: Ctx, nextIndex: number, quiet: boolean): HandoffOutcome['headsUp'] {
  const { file } = ctx.config;
  const spec = rotationSpec(ctx);
  const next = periodAt(spec, nextIndex, new RotationRepo(ctx.db).overrides(ctx.workspaceId));
  if (!next) return 'off';
  const now = ctx.clock.now();
  const due = headsUpAt(next.start, file.timezone, file.targets.workingHours?.days);
  if (now < due || now >= next.start) return 'not_due';
  return withTransaction(ctx, (tx) => {
    const runs = new JobRunsRepo(tx.db);
    const runId = runs.tryStart(ctx.workspaceId, headsUpJobName, next.start.toISOString(), now.getTime());
    if (runId === null) return 'already' as const;
    for (const user of quiet ? [] : next.onDuty) {
      enqueueSlack(
        tx,
        { method: 'chat.postMessage', args: { channel: user, text: headsUpText(next, file.timezone) } },
        { dedupeKey: `headsup:${next.start.toISOString()}:${user}` },
      );
    }
    runs.finish(runId, now.getTime());
    return 'done' as const;
  });
}
