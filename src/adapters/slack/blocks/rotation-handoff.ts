import type { KnownBlock } from '@slack/types';
import type { DutyPeriod } from '../../../domain/rotation/rotation';
import { formatWhen } from './rotation-duty';

const mention = (id: string) => `<@${id}>`;

/** The handoff message in the duty channel: incoming team first, then the outgoing team's summary. */
export function handoffBlocks(
  incoming: DutyPeriod,
  outgoing: DutyPeriod | undefined,
  summary: KnownBlock[],
  zone: string,
  late: boolean,
): { text: string; blocks: KnownBlock[] } {
  const text = `:arrows_counterclockwise: ${incoming.team.name} is on support duty until ${formatWhen(incoming.end, zone)}: ${incoming.onDuty.map(mention).join(' ')}`;
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `:arrows_counterclockwise: *Handoff: ${incoming.team.name} is on support duty* until ${formatWhen(incoming.end, zone)}\n${incoming.onDuty.map(mention).join(' ')}${incoming.team.leadUserId ? ` · lead ${mention(incoming.team.leadUserId)}` : ''}`,
      },
    },
  ];
  if (outgoing)
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `Thank you, *${outgoing.team.name}*, for the last ${Math.round((outgoing.end.getTime() - outgoing.start.getTime()) / 86_400_000)} days.`,
        },
      ],
    });
  blocks.push(...summary);
  if (late)
    blocks.push({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: `_Posted late: the handoff was due ${formatWhen(incoming.start, zone)} (${zone})._` },
      ],
    });
  return { text, blocks };
}

export function dutyTopic(p: DutyPeriod, zone: string): string {
  return `On duty: ${p.team.name} (${p.onDuty.map(mention).join(' ')}) until ${formatWhen(p.end, zone)}`;
}

/** The DM each incoming member gets. */
export function briefingText(p: DutyPeriod, channel: string | undefined, zone: string): string {
  return [
    `:wave: Your team *${p.team.name}* is on support duty from now until ${formatWhen(p.end, zone)} (${zone}).`,
    channel
      ? `Tickets arrive in <#${channel}>: claim one, answer in its thread, resolve it.`
      : 'Tickets arrive in the duty channel: claim one, answer in its thread, resolve it.',
    'Need a swap? `/duty swap`. Away some days? `/duty away`.',
  ].join('\n');
}

export function headsUpText(p: DutyPeriod, zone: string): string {
  return `:calendar: Heads-up: *${p.team.name}* takes support duty on ${formatWhen(p.start, zone)} (${zone}) until ${formatWhen(p.end, zone)}. Away then? \`/duty away\`. Need another slot? \`/duty swap\`.`;
}
