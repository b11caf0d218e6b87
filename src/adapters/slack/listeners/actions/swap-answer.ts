import type { App, BlockButtonAction } from '@slack/bolt';
import type { Ctx } from '../../../../services/context';
import { DomainError } from '../../../../domain/errors';
import { answerSwap } from '../../../../services/rotation/swap';
import { swapAcceptAction, swapDeclineAction } from '../../blocks/rotation-swap';

export function registerSwapAnswerActions(app: App, ctx: Ctx): void {
  for (const [actionId, accept] of [
    [swapAcceptAction, true],
    [swapDeclineAction, false],
  ] as const) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, respond }) => {
      await ack();
      const user = body.user.id;
      try {
        // The answer commits with its notifications (to the requester, or to both teams).
        const { outcome, fromTeam } = await answerSwap({
          ctx,
          input: { requestId: Number(action.value), userId: user, accept },
        });
        await respond({
          replace_original: true,
          text:
            outcome === 'accepted'
              ? `:white_check_mark: You accepted the swap with ${fromTeam ?? ''}.`
              : `You declined the swap with ${fromTeam ?? ''}.`,
        });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        await respond({ response_type: 'ephemeral', replace_original: false, text: `:warning: ${err.message}` });
      }
    });
  }
}
