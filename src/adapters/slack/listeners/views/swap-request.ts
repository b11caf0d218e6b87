import type { App } from '@slack/bolt';
import type { Ctx } from '../../../../services/context';
import { DomainError, ValidationError } from '../../../../domain/errors';
import { declareAway } from '../../../../services/rotation/declare-away';
import { requestSwap } from '../../../../services/rotation/swap';
import { awayCallbackId, swapCallbackId } from '../../blocks/rotation-swap';

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
    const reply = (reply: { asked: { lead: string; team: string } } | { refused: string }) =>
      ctx.notify.send({ kind: 'rotation.swap_request_reply', to: user, channel, reply });
    try {
      // The request and the question to the other team's lead commit together.
      const { theirs, lead } = await requestSwap({
        ctx,
        input: {
          userId: user,
          myPeriod: Number(values.mine?.period?.selected_option?.value),
          theirPeriod: Number(values.theirs?.period?.selected_option?.value),
        },
      });
      await reply({ asked: { lead, team: theirs.team.name } });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      await reply({ refused: err.message });
    }
  });

  app.view(awayCallbackId, async ({ ack, body, view }) => {
    const values = view.state.values as Values;
    const user = body.user.id;
    try {
      const { from, to } = await declareAway({
        ctx,
        input: {
          userId: user,
          from: values.from?.date?.selected_date ?? '',
          to: values.to?.date?.selected_date ?? '',
          standIn: values.stand_in?.user?.selected_user ?? null,
        },
      });
      await ack();
      await ctx.notify.send({ kind: 'rotation.away_noted', to: user, from, until: to, zone: ctx.config.file.timezone });
    } catch (err) {
      if (err instanceof ValidationError && err.details)
        return void (await ack({ response_action: 'errors', errors: err.details }));
      await ack();
      throw err;
    }
  });
}
