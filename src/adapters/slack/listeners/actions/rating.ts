import type { App, BlockButtonAction } from '@slack/bolt';
import type { Ctx } from '../../../../services/context';
import { commentRating, rateTicket } from '../../../../services/tickets/rate-ticket';
import { ratedBlocks } from '../../blocks/ticket-rating';
import { friendlySlackError } from '../../errors';

export const ratingCommentCallback = 'ticket.rating_comment';

/** The requester's rating buttons (once per ticket) and the optional comment. */
export function registerRatingActions(app: App, ctx: Ctx): void {
  app.action<BlockButtonAction>(/^ticket\.rate\.[1-5]$/, async ({ ack, body, action, respond }) => {
    await ack();
    const [id, rating] = action.value!.split(':').map(Number);
    try {
      await rateTicket({ ctx, input: { ticketId: id!, rating: rating!, by: body.user.id } });
      await respond({ replace_original: true, ...ratedBlocks(id!, rating!) }).catch(() => undefined);
    } catch (err) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: friendlySlackError(err) }).catch(
        () => undefined,
      );
    }
  });

  app.action<BlockButtonAction>('ticket.rate_comment', async ({ ack, body, action, client }) => {
    await ack();
    await client.views
      .open({
        trigger_id: body.trigger_id,
        view: {
          type: 'modal',
          callback_id: ratingCommentCallback,
          private_metadata: action.value ?? '',
          title: { type: 'plain_text', text: 'Add a comment' },
          submit: { type: 'plain_text', text: 'Send' },
          blocks: [
            {
              type: 'input',
              block_id: 'comment',
              label: { type: 'plain_text', text: 'Anything we should know?' },
              element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: 2000 },
            },
          ],
        },
      })
      .catch((err) => ctx.log.warn({ err }, 'tickets: could not open the comment modal'));
  });

  app.view(ratingCommentCallback, async ({ ack, view, body }) => {
    await ack();
    const comment =
      (view.state.values as Record<string, Record<string, { value?: string }>>).comment?.value?.value ?? '';
    if (!comment.trim()) return;
    await commentRating({ ctx, input: { ticketId: Number(view.private_metadata), comment, by: body.user.id } }).catch(
      (err) => ctx.log.warn({ err }, 'tickets: could not store the rating comment'),
    );
  });
}
