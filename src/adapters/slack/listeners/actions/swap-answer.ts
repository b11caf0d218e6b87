import type { App, BlockButtonAction } from '@slack/bolt';
import type { Ctx } from '../../../../services/context';
import { DomainError } from '../../../../domain/errors';
import { rotationSpec } from '../../../../services/rotation/get-duty';
import { answerSwap } from '../../../../services/rotation/swap';
import { swapAcceptAction, swapDeclineAction } from '../../blocks/rotation-swap';
import { enqueueSlack } from '../../outbox';

export function registerSwapAnswerActions(app: App, ctx: Ctx): void {
  for (const [actionId, accept] of [
    [swapAcceptAction, true],
    [swapDeclineAction, false],
  ] as const) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, respond }) => {
      await ack();
      const user = body.user.id;
      try {
        let fromName = '';
        const { outcome } = answerSwap({
          ctx,
          input: { requestId: Number(action.value), userId: user, accept },
          // Queued in the answer's own transaction: the answer never commits without its notifications.
          tell: (tx, { request, outcome }) => {
            const teams = rotationSpec(tx).teams;
            const from = teams.find((t) => t.id === request.fromTeamId);
            const to = teams.find((t) => t.id === request.toTeamId);
            fromName = from?.name ?? '';
            if (outcome === 'declined') {
              enqueueSlack(
                tx,
                {
                  method: 'chat.postMessage',
                  args: {
                    channel: request.requestedBy,
                    text: `<@${user}> (${to?.name}) declined your swap request. Nothing changed.`,
                  },
                },
                { dedupeKey: `swap:${request.id}:declined` },
              );
              return;
            }
            const people = [...new Set([...(from?.memberIds ?? []), ...(to?.memberIds ?? [])])];
            const text = `:arrows_counterclockwise: Swap agreed: *${from?.name}* and *${to?.name}* traded periods. \`/duty schedule\` shows the new order.`;
            for (const p of people)
              enqueueSlack(
                tx,
                { method: 'chat.postMessage', args: { channel: p, text } },
                { dedupeKey: `swap:${request.id}:told:${p}` },
              );
          },
        });
        await respond({
          replace_original: true,
          text:
            outcome === 'accepted'
              ? `:white_check_mark: You accepted the swap with ${fromName}.`
              : `You declined the swap with ${fromName}.`,
        });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        await respond({ response_type: 'ephemeral', replace_original: false, text: `:warning: ${err.message}` });
      }
    });
  }
}
