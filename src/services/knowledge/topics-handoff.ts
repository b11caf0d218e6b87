import type { KnownBlock } from '@slack/types';
import { topTopicsBlocks } from '../../adapters/slack/blocks/topics';
import type { DutyPeriod } from '../../domain/rotation/rotation';
import type { Ctx } from '../context';
import { topicsBetween } from './get-topics';

/** The handoff message's topics line: the three most frequent topics of the tickets that arrived in the period. */
export function topicsHandoffSection(ctx: Ctx, period: DutyPeriod): KnownBlock[] {
  const rows = topicsBetween(
    ctx,
    { from: period.start.getTime(), to: period.end.getTime(), previous: null },
    { otherTerms: false },
  );
  return topTopicsBlocks(rows, 'Top topics this period');
}
