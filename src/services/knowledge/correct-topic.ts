import { NotFoundError, ValidationError } from '../../domain/errors';
import { otherTopic } from '../../domain/knowledge/topics';
import { escapeMrkdwn } from '../../domain/text/mrkdwn';
import type { Ctx } from '../context';
import { enqueueTicketCard } from '../tickets/enqueue-card';
import { inTransaction } from '../transaction';

export const topicCorrectedEvent = 'topic_corrected';

/**
 * A person's correction of a ticket's topic: kept with who made it, so it wins
 * over the automatic one from then on, and the card shows it. Choosing the
 * topic the ticket already has changes nothing.
 */
export async function correctTopic({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { ticketId: number; topic: string; by: string };
}): Promise<{ changed: boolean }> {
  const known = Object.keys(ctx.config.file.topics);
  if (input.topic !== otherTopic && !known.includes(input.topic)) {
    const shown = escapeMrkdwn(input.topic.slice(0, 40));
    throw new ValidationError(
      `"${shown}" is not a configured topic; nothing was changed. Choose one of: ${[...known, otherTopic].join(', ')}.`,
      { topic: 'unknown topic' },
    );
  }
  return inTransaction(ctx, async (tx) => {
    const tickets = tx.repos.tickets;
    const t = Number.isSafeInteger(input.ticketId)
      ? await tickets.byIdForChange(tx.workspaceId, input.ticketId)
      : undefined;
    if (!t) throw new NotFoundError(`Ticket #${input.ticketId} no longer exists.`);
    if (t.topic === input.topic && t.topicSetBy) return { changed: false };
    const now = tx.clock.now().getTime();
    await tickets.update(tx.workspaceId, t.id, { topic: input.topic, topicSetBy: input.by, updatedAt: now });
    await tickets.addEvent(tx.workspaceId, t.id, topicCorrectedEvent, input.by, now, {
      from: t.topic,
      to: input.topic,
    });
    await enqueueTicketCard(tx, t.id);
    return { changed: true };
  });
}
