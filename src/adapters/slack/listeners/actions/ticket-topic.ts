import type { App, BlockStaticSelectAction } from '@slack/bolt';
import type { Ctx } from '../../../../services/context';
import { correctTopic } from '../../../../services/knowledge/correct-topic';
import { friendlySlackError } from '../../errors';

/**
 * The card's topic select. The ticket is named by the block id
 * (`ticket.topic:<id>`); a refused choice (an unknown topic, a deleted ticket)
 * is told to the chooser only and changes nothing.
 */
export function registerTicketTopicActions(app: App, ctx: Ctx): void {
  app.action<BlockStaticSelectAction>('ticket.topic', async ({ ack, body, action, client, respond }) => {
    await ack();
    const say = async (text: string) => {
      if (body.response_url)
        return respond({ response_type: 'ephemeral', replace_original: false, text }).catch(() => undefined);
      if (body.channel?.id)
        return client.chat.postEphemeral({ channel: body.channel.id, user: body.user.id, text }).catch(() => undefined);
      return undefined;
    };
    const id = Number(/^ticket\.topic:(\d+)$/.exec(action.block_id ?? '')?.[1] ?? Number.NaN);
    const topic = action.selected_option?.value ?? '';
    try {
      await correctTopic({ ctx, input: { ticketId: id, topic, by: body.user.id } });
    } catch (err) {
      await say(friendlySlackError(err));
    }
  });
}
