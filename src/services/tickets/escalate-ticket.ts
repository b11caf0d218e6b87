import { TicketsRepo } from '../../adapters/db/tickets.repo';
import { withTransaction } from '../../adapters/db/transaction';
import { enqueueSlack } from '../../adapters/slack/outbox';
import { NotFoundError } from '../../domain/errors';
import { escapeMrkdwn } from '../../domain/text/mrkdwn';
import type { Ctx } from '../context';
import { dutyTeamAt } from './duty-team';

function cardLink(_ctx: Ctx, t: { id: number; cardChannelId: string | null; cardTs: string | null }): string {
  return t.cardChannelId ? `<#${t.cardChannelId}> (ticket #${t.id})` : `ticket #${t.id}`;
}

/**
 * The panic button (and the breach job): DMs the duty team's lead and the
 * optional escalation user at once, with the ticket. Returns who was told.
 */
export function escalateTicket({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { ticketId: number; by: string | null; reason: string };
}): string[] {
  const now = ctx.clock.now().getTime();
  const duty = dutyTeamAt(ctx);
  const recipients = [
    ...new Set([duty?.leadUserId, ctx.config.file.targets.escalationUser].filter((u): u is string => !!u)),
  ];
  return withTransaction(ctx, (tx) => {
    const repo = new TicketsRepo(tx.db);
    const t = repo.byId(tx.workspaceId, input.ticketId);
    if (!t) throw new NotFoundError(`Ticket #${input.ticketId} no longer exists.`);
    const text = `:rotating_light: ${input.reason}${input.by ? ` — escalated by <@${input.by}>` : ''}: ${cardLink(tx, t)}\n> ${escapeMrkdwn(t.text.slice(0, 500)).replace(/\n/g, '\n> ')}`;
    for (const user of recipients) enqueueSlack(tx, { method: 'chat.postMessage', args: { channel: user, text } });
    if (t.cardChannelId && t.cardTs) {
      enqueueSlack(tx, {
        method: 'chat.postMessage',
        args: {
          channel: t.cardChannelId,
          thread_ts: t.cardTs,
          text: `:rotating_light: Escalated${input.by ? ` by <@${input.by}>` : ''}: ${input.reason}. ${recipients.length ? `Told ${recipients.map((u) => `<@${u}>`).join(', ')}.` : 'No team lead is configured.'}`,
        },
      });
    }
    repo.addEvent(tx.workspaceId, t.id, 'escalated', input.by, now, { reason: input.reason, recipients });
    return recipients;
  });
}
