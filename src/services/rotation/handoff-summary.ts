import type { DutyPeriod } from '../../domain/rotation/rotation';
import type { Ctx } from '../context';
import type { HandoffSection } from '../ports/messages/rotation';
import { ticketsHandoffSection } from '../tickets/tickets-handoff';
import { topicsHandoffSection } from '../knowledge/topics-handoff';

/**
 * Sections other areas add to the handoff message about the outgoing team's
 * period (tickets handled, carried over, leaderboard, top topics), as data the
 * handoff's renderer lays out. Each gets the period that just ended; a
 * provider that throws is left out and logged, the handoff goes on.
 */
export type HandoffSummaryProvider = (ctx: Ctx, period: DutyPeriod) => Promise<HandoffSection[]> | HandoffSection[];

export const handoffSummaryProviders: HandoffSummaryProvider[] = [
  ticketsHandoffSection,
  topicsHandoffSection,
  // areas register here
];

/** Every provider's sections, in the order registered. */
export async function collectHandoffSummary(ctx: Ctx, period: DutyPeriod): Promise<HandoffSection[]> {
  const sections: HandoffSection[] = [];
  for (const provide of handoffSummaryProviders) {
    try {
      sections.push(...(await provide(ctx, period)));
    } catch (err) {
      ctx.log.error({ err }, 'rotation: a handoff summary section failed; left out');
    }
  }
  return sections;
}
