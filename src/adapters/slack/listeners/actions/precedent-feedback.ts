import type { App, BlockButtonAction } from '@slack/bolt';
import type { Ctx } from '../../../../services/context';
import { loadOfferedPrecedents } from '../../../../services/knowledge/post-precedents';
import { recordPrecedentVerdict } from '../../../../services/knowledge/record-precedent-verdict';
import { precedentHelpedAction, precedentUnrelatedAction } from '../../blocks/precedents';
import { DomainError } from '../../../../domain/errors';
import { friendlySlackError } from '../../errors';

/**
 * "This helped" / "Not related" under a precedent in a card's thread. The
 * verdict is kept and the thread message redrawn (through the outbox, like
 * every write) to show it; a repeated click changes nothing.
 */
export function registerPrecedentFeedbackActions(app: App, ctx: Ctx): void {
  for (const [actionId, verdict] of [
    [precedentHelpedAction, 'helped'],
    [precedentUnrelatedAction, 'unrelated'],
  ] as const) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, respond }) => {
      await ack();
      try {
        const r = await recordPrecedentVerdict({
          ctx,
          input: { suggestionId: Number(action.value), verdict, by: body.user.id },
        });
        const channel = body.container?.channel_id ?? body.channel?.id;
        const ts = body.container?.message_ts ?? body.message?.ts;
        if (r.changed && channel && ts) {
          const offered = await loadOfferedPrecedents({ ctx, input: { ticketId: r.ticketId } });
          await ctx.notify.send({ kind: 'knowledge.precedents_redrawn', channel, ts, ticketId: r.ticketId, offered });
        }
      } catch (err) {
        if (!(err instanceof DomainError)) ctx.log.error({ err }, 'knowledge: could not record a precedent verdict');
        await respond({ response_type: 'ephemeral', replace_original: false, text: friendlySlackError(err) }).catch(
          () => undefined,
        );
      }
    });
  }
}
