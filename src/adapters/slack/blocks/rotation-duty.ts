import type { KnownBlock } from '@slack/types';
import { DateTime } from 'luxon';
import type { DutyPeriod } from '../../../domain/rotation/rotation';

const mention = (id: string) => `<@${id}>`;

/** "Mon 5 Jan 10:00" in the reader's zone. */
export function formatWhen(d: Date, zone: string): string {
  return DateTime.fromJSDate(d, { zone }).toFormat('ccc d LLL HH:mm');
}

function periodLine(p: DutyPeriod, zone: string): string {
  const days = Math.round(DateTime.fromJSDate(p.end).diff(DateTime.fromJSDate(p.start), 'days').days);
  const marks = [p.swapped ? 'swapped' : '', p.replaced ? 'replaced' : ''].filter(Boolean).join(', ');
  return `*${p.team.name}* · ${formatWhen(p.start, zone)} → ${formatWhen(p.end, zone)} (${days} days)${marks ? ` · _${marks}_` : ''}`;
}

/** `/duty`: who is on duty now and next. */
export function dutyNowBlocks(now: { current: DutyPeriod; next: DutyPeriod }, zone: string): KnownBlock[] {
  const { current, next } = now;
  const away = current.timeOff.map(
    (t) => `${mention(t.userId)} away${t.standIn ? `, ${mention(t.standIn)} stands in` : ''}`,
  );
  return [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text:
          `:rotating_light: *On duty now: ${current.team.name}* until ${formatWhen(current.end, zone)}\n` +
          `${current.onDuty.map(mention).join(' ')}${current.team.leadUserId ? ` · lead ${mention(current.team.leadUserId)}` : ''}` +
          (away.length ? `\n${away.join(' · ')}` : ''),
      },
    },
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `Next: *${next.team.name}* from ${formatWhen(next.start, zone)}` }],
    },
  ];
}

/** `/duty schedule [n]`: the next periods in the reader's zone, then each team's count for 12 months. */
export function scheduleBlocks(list: DutyPeriod[], counts: Map<string, number>, zone: string): KnownBlock[] {
  return [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*The next ${list.length} duty periods* (times in ${zone})\n${list.map((p) => `• ${periodLine(p, zone)}`).join('\n')}`,
      },
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `Periods in the next 12 months: ${[...counts].map(([n, c]) => `${n} ${c}`).join(' · ')}`,
        },
      ],
    },
  ];
}

export const noRotationText = 'No teams are configured for duty yet: add them under `teams:` in config/dutyloop.yaml.';
