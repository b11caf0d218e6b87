import type { KnownBlock } from '@slack/types';
import type { DutyPeriod } from '../../domain/rotation/rotation';
import type { Ctx } from '../context';
import { ticketsHandoffSection } from '../tickets/tickets-handoff';
import { topicsHandoffSection } from '../knowledge/topics-handoff';

/**
 * Sections other areas add to the handoff message about the outgoing team's
 * period (tickets handled, carried over, leaderboard). Each gets the period that
 * just ended; a provider that throws is left out and logged, the handoff goes on.
 */
export const handoffSummaryProviders: ((ctx: Ctx, period: DutyPeriod) => KnownBlock[])[] = [
  ticketsHandoffSection,
  topicsHandoffSection,
  // areas register here
];

export function collectHandoffSummary(ctx: Ctx, period: DutyPeriod): KnownBlock[] {
  return handoffSummaryProviders.flatMap((provide) => {
    try {
      return provide(ctx, period);
    } catch (err) {
      ctx.log.error({ err }, 'rotation: a handoff summary section failed; left out');
      return [];
    }
  });
}
