import type { App } from '@slack/bolt';
import type { Ctx } from '../../../../services/context';
import { recordThreadMessage } from '../../../../services/tickets/change-ticket';

/** A person's reply with a screenshot, or one also sent to the channel, is a reply all the same; edits and deletions are not. */
const replySubtypes = new Set([undefined, 'file_share', 'thread_broadcast']);

interface ThreadMessage {
  channel: string;
  user?: string;
  ts: string;
  thread_ts?: string;
  subtype?: string;
  bot_id?: string;
}

/** Replies in a card's thread (or the requester's intake thread) are responses, or reopen a resolved ticket. */
export function registerTicketThread(app: App, ctx: Ctx): void {
  app.event('message', async ({ event, context }) => {
    const m = event as unknown as ThreadMessage;
    if (
      !m.thread_ts ||
      m.thread_ts === m.ts ||
      !replySubtypes.has(m.subtype) ||
      m.bot_id ||
      !m.user ||
      m.user === context.botUserId
    )
      return;
    const tickets = ctx.repos.tickets;
    const ticket =
      (await tickets.byCard(ctx.workspaceId, m.channel, m.thread_ts)) ??
      (await tickets.byOrigin(ctx.workspaceId, m.channel, m.thread_ts));
    if (!ticket) return;
    await recordThreadMessage({ ctx, input: { ticket, user: m.user } });
  });
}
