import { ratingLabel } from '../../../domain/tickets/rating';
import { describeTarget } from '../../../domain/tickets/targets';
import { escapeMrkdwn } from '../../../domain/text/mrkdwn';
import type { TicketMessage } from '../../../services/ports/messages/tickets';
import type { Renderers } from './render';

/** How each message of the tickets area looks in Slack. */
export const ticketsMessages: Renderers<TicketMessage> = {
  'ticket.escalated': (m) => ({
    method: 'chat.postMessage',
    args: {
      channel: m.to,
      text: `:rotating_light: ${m.reason}${m.by ? ` — escalated by <@${m.by}>` : ''}: ${cardLink(m.ticket)}\n> ${escapeMrkdwn(m.ticket.text.slice(0, 500)).replace(/\n/g, '\n> ')}`,
    },
  }),
  'ticket.escalation_noted': (m) => ({
    method: 'chat.postMessage',
    args: {
      channel: m.channel,
      thread_ts: m.threadTs,
      text: `:rotating_light: Escalated${m.by ? ` by <@${m.by}>` : ''}: ${m.reason}. ${m.told.length ? `Told ${m.told.map((u) => `<@${u}>`).join(', ')}.` : 'No team lead is configured.'}`,
    },
  }),
  'ticket.target_nudge': (m) => {
    const who = m.onDuty.length ? m.onDuty.map((u) => `<@${u}>`).join(' ') : 'Duty team';
    return {
      method: 'chat.postMessage',
      args: {
        channel: m.channel,
        ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
        text: `:hourglass_flowing_sand: ${who}: ticket #${m.ticketId} is close to its ${describeTarget(m.target)}.`,
      },
    };
  },
  'ticket.low_rating': (m) => ({
    method: 'chat.postMessage',
    args: {
      channel: m.channel,
      thread_ts: m.threadTs,
      text: `:speech_balloon: The requester rated this ticket *${ratingLabel(m.rating)}*${m.comment ? `: “${escapeMrkdwn(m.comment)}”` : ''}. Worth a look together.`,
    },
  }),
  'ticket.received': (m) => ({
    method: 'chat.postMessage',
    args: {
      channel: m.channel,
      thread_ts: m.threadTs,
      text: `Thanks — this is ticket #${m.ticketId}; the duty team picks it up in <#${m.dutyChannel}>.`,
    },
  }),
};

function cardLink(t: { id: number; cardChannelId: string | null }): string {
  return t.cardChannelId ? `<#${t.cardChannelId}> (ticket #${t.id})` : `ticket #${t.id}`;
}
