import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Ctx } from '../../../../services/context';
import { register as registerAppHome } from './app-home';
import { registerIntakeMessage } from './intake-message';
import { registerTicketReaction } from './ticket-reaction';
import { registerTicketThread } from './ticket-thread';

export function register(app: App, ctx: Ctx, slack: WebClient): void {
  registerAppHome(app, ctx, slack);
  registerIntakeMessage(app, ctx);
  registerTicketThread(app, ctx);
  registerTicketReaction(app, ctx);
  // areas register here
}
