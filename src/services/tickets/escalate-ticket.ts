import { NotFoundError } from '../../domain/errors';
import type { Ctx } from '../context';
import { inTransaction } from '../transaction';
import { dutyTeamAt } from './duty-team';

/**
 * The panic button (and the breach job): DMs the duty team's lead and the
 * optional escalation user at once, with the ticket. Returns who was told.
 */
export async function escalateTicket({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { ticketId: number; by: string | null; reason: string };
}): Promise<string[]> {
  const now = ctx.clock.now().getTime();
  const duty = await dutyTeamAt(ctx);
  const recipients = [
    ...new Set([duty?.leadUserId, ctx.config.file.targets.escalationUser].filter((u): u is string => !!u)),
  ];
  return inTransaction(ctx, async (tx) => {
    const t = await tx.repos.tickets.byId(tx.workspaceId, input.ticketId);
    if (!t) throw new NotFoundError(`Ticket #${input.ticketId} no longer exists.`);
    const { by, reason } = input;
    const ticket = { id: t.id, text: t.text, cardChannelId: t.cardChannelId };
    for (const to of recipients) await tx.notify.send({ kind: 'ticket.escalated', to, ticket, by, reason });
    if (t.cardChannelId && t.cardTs)
      await tx.notify.send({
        kind: 'ticket.escalation_noted',
        channel: t.cardChannelId,
        threadTs: t.cardTs,
        by,
        reason,
        told: recipients,
      });
    await tx.repos.tickets.addEvent(tx.workspaceId, t.id, 'escalated', by, now, { reason, recipients });
    return recipients;
  });
}
