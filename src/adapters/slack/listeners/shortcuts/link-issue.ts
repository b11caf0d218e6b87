import type { App, MessageShortcut } from '@slack/bolt';
import type { Ctx } from '../../../../services/context';
import { getTicketLinks } from '../../../../services/feedback/get-ticket-links';
import { friendlySlackError } from '../../errors';
import { linkModalFor } from '../actions/link-issue';

export const linkIssueShortcutId = 'link_to_issue';

/** Message shortcut "Link to issue" on a ticket's card or on the message it came from. */
export function registerLinkIssueShortcut(app: App, ctx: Ctx): void {
  app.shortcut<MessageShortcut>(linkIssueShortcutId, async ({ ack, shortcut, client }) => {
    await ack();
    try {
      const { ticket } = await getTicketLinks({
        ctx,
        input: { channel: shortcut.channel.id, ts: shortcut.message.ts },
      });
      await client.views.open({ trigger_id: shortcut.trigger_id, view: await linkModalFor(ctx, ticket.id) });
    } catch (err) {
      await client.chat
        .postEphemeral({ channel: shortcut.channel.id, user: shortcut.user.id, text: friendlySlackError(err) })
        .catch(() => undefined);
    }
  });
}
