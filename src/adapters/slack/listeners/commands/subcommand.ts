import type { AllMiddlewareArgs, RespondFn, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Ctx } from '../../../../services/context';

export interface SubcommandArgs {
  ctx: Ctx;
  /** Words after the subcommand: `/duty schedule 6` → ["6"]. */
  args: string[];
  command: SlackCommandMiddlewareArgs['command'];
  respond: RespondFn;
  client: AllMiddlewareArgs['client'];
}

/**
 * One `/duty <name>` subcommand. `run` is called after the command was acked
 * (so it may take its time) and answers with `respond` (ephemeral by default)
 * or opens a modal with `client.views.open({ trigger_id: command.trigger_id })`.
 */
export interface Subcommand {
  name: string;
  /** Shown by `/duty help`, plain text: "/duty schedule [n]". */
  usage: string;
  summary: string;
  run(a: SubcommandArgs): Promise<void>;
}
