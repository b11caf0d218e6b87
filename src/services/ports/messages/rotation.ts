import type { DutyPeriod } from '../../../domain/rotation/rotation';
import type { Leaderboard } from '../../../domain/tickets/leaderboard';

/**
 * What another area says in the handoff message about the period that just
 * ended (services/rotation/handoff-summary.ts collects them), as data.
 */
export type HandoffSection =
  /** Tickets resolved in the period, open ones carried over, and the period's leaderboard. */
  | { kind: 'tickets'; handled: number; open: number; leaderboard: Leaderboard; team: string }
  /** The most frequent topics of the tickets that arrived in the period (the first three are said). */
  | { kind: 'topics'; title: string; topics: { topic: string; tickets: number; customers: number }[] };

/** The messages the rotation area sends (see ../notify.ts); each kind has one renderer in adapters/slack/messages. */
export type RotationMessage =
  /** The handoff announcement in the duty channel: the incoming team, thanks to the outgoing one, its summary. */
  | {
      kind: 'rotation.handoff';
      channel: string;
      incoming: DutyPeriod;
      outgoing: DutyPeriod | undefined;
      summary: HandoffSection[];
      zone: string;
      /** Posted after the boundary (the process was down): the message says when it was due. */
      late: boolean;
    }
  /** The duty channel's topic names the team on duty. */
  | { kind: 'rotation.duty_topic'; channel: string; period: DutyPeriod; zone: string }
  /** The duty user group (@support-duty) names exactly `users`. */
  | { kind: 'rotation.duty_user_group'; userGroup: string; users: string[] }
  /** A DM to each incoming member as their duty starts. */
  | { kind: 'rotation.briefing'; to: string; period: DutyPeriod; dutyChannel: string | undefined; zone: string }
  /** A DM to each member of the team whose duty starts the next working day. */
  | { kind: 'rotation.heads_up'; to: string; period: DutyPeriod; zone: string }
  /** Asks the other team's lead to trade `theirs` for `mine`, with accept and decline buttons. */
  | {
      kind: 'rotation.swap_asked';
      to: string;
      requestId: number;
      by: string;
      mine: DutyPeriod;
      theirs: DutyPeriod;
      zone: string;
    }
  /** Tells the requester the other team's lead (`by`, of team `byTeam`) declined. */
  | { kind: 'rotation.swap_declined'; to: string; by: string; byTeam: string | undefined }
  /** Tells a member of either team that the two teams traded periods. */
  | { kind: 'rotation.swap_agreed'; to: string; fromTeam: string | undefined; toTeam: string | undefined }
  /**
   * Answers the member who asked for a swap: asked `lead` of `team`, or
   * `refused` (why nothing changed). Ephemeral in `channel` when the request
   * came from one, a DM otherwise.
   */
  | {
      kind: 'rotation.swap_request_reply';
      to: string;
      channel: string | undefined;
      reply: { asked: { lead: string; team: string } } | { refused: string };
    }
  /** Confirms the time off a member declared, [from, to) in `zone`. */
  | { kind: 'rotation.away_noted'; to: string; from: Date; until: Date; zone: string };
