import type { DutyPeriod } from '../../domain/rotation/rotation';
import type { Ctx } from '../context';
import type { HandoffSection } from '../ports/messages/rotation';
import { topicsBetween } from './get-topics';

/** The handoff message's topics line: the three most frequent topics of the tickets that arrived in the period. */
export async function topicsHandoffSection(ctx: Ctx, period: DutyPeriod): Promise<HandoffSection[]> {
  const rows = await topicsBetween(
    ctx,
    { from: period.start.getTime(), to: period.end.getTime(), previous: null },
    { otherTerms: false },
  );
  return [{ kind: 'topics', title: 'Top topics this period', topics: rows }];
}
