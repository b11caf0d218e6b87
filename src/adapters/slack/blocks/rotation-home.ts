import type { KnownBlock } from '@slack/types';
import type { DutyPeriod } from '../../../domain/rotation/rotation';
import { formatWhen } from './rotation-duty';

const mention = (id: string) => `<@${id}>`;

/** App Home: on duty now and next, then the viewer's own next duty. */
export function dutyHomeBlocks(
  now: { current: DutyPeriod; next: DutyPeriod },
  mine: DutyPeriod | undefined,
  myTeam: string | undefined,
  zone: string,
): KnownBlock[] {
  const { current, next } = now;
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*On duty now: ${current.team.name}* until ${formatWhen(current.end, zone)}\n${current.onDuty.map(mention).join(' ')}\nNext: *${next.team.name}* from ${formatWhen(next.start, zone)}`,
      },
    },
  ];
  if (myTeam) {
    const text = mine
      ? mine.index === current.index
        ? `Your team *${myTeam}* is on duty now.`
        : `Your next duty (*${myTeam}*): ${formatWhen(mine.start, zone)} → ${formatWhen(mine.end, zone)}`
      : `Your team *${myTeam}* has no duty in the coming year.`;
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `${text} (times in ${zone})` }] });
  }
  return blocks;
}
