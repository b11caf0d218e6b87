import type { App } from '@slack/bolt';
import type { Ctx } from '../../../../services/context';
import { DomainError, ValidationError } from '../../../../domain/errors';
import { withTransaction } from '../../../db/transaction';
import { declareAway } from '../../../../services/rotation/declare-away';
import { requestSwap } from '../../../../services/rotation/swap';
import { formatWhen } from '../../blocks/rotation-duty';
import { awayCallbackId, swapCallbackId, swapRequestBlocks } from '../../blocks/rotation-swap';
import { enqueueSlack } from '../../outbox';

type Values = Record<
  string,
  Record<
    string,
    { selected_option?: { value?: string } | null; selected_date?: string | null; selected_user?: string | null }
  >
>;

function channelOf(privateMetadata: string): string | undefined {
  try {
    return (JSON.parse(privateMetadata) as { channelId?: string }).channelId;
  } catch {
    return undefined;
  }
}

export function registerRotationViews(app: App, ctx: Ctx): void {
  app.view(swapCallbackId, async ({ ack, body, view }) => {
    await ack();
    const values = view.state.values as Values;
    const user = body.user.id;
    const channel = channelOf(view.private_metadata);
    const tell = (text: string) =>
      channel
        ? enqueueSlack(ctx, { method: 'chat.postEphemeral', args: { channel, user, text } })
        : enqueueSlack(ctx, { method: 'chat.postMessage', args: { channel: user, text } });
    try {
      withTransaction(ctx, (tx) => {
        const { request, mine, theirs } = requestSwap({
          ctx: tx,
          input: {
            userId: user,
            myPeriod: Number(values.mine?.period?.selected_option?.value),
            theirPeriod: Number(values.theirs?.period?.selected_option?.value),
          },
        });
        const lead = theirs.team.leadUserId ?? theirs.team.memberIds[0]!;
        const { text, blocks } = swapRequestBlocks(request.id, user, mine, theirs, ctx.config.file.timezone);
        enqueueSlack(
          tx,
          { method: 'chat.postMessage', args: { channel: lead, text, blocks } },
          { dedupeKey: `swap:${request.id}:ask` },
        );
        tell(`Asked <@${lead}> (${theirs.team.name}) to swap. Nothing changes until they accept.`);
      });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      tell(`:warning: ${err.message} Nothing changed.`);
    }
  });

  app.view(awayCallbackId, async ({ ack, body, view }) => {
    const values = view.state.values as Values;
    const user = body.user.id;
    try {
      const { from, to } = declareAway({
        ctx,
        input: {
          userId: user,
          from: values.from?.date?.selected_date ?? '',
          to: values.to?.date?.selected_date ?? '',
          standIn: values.stand_in?.user?.selected_user ?? null,
        },
      });
      await ack();
      const zone = ctx.config.file.timezone;
      withTransaction(ctx, (tx) =>
        enqueueSlack(tx, {
          method: 'chat.postMessage',
          args: {
            channel: user,
            text: `:palm_tree: Noted: you are away from ${formatWhen(from, zone)} until ${formatWhen(to, zone)} (${zone}). The schedule and handoffs leave you out then.`,
          },
        }),
      );
    } catch (err) {
      if (err instanceof ValidationError && err.details)
        return void (await ack({ response_action: 'errors', errors: err.details }));
      await ack();
      throw err;
    }
  });
}
