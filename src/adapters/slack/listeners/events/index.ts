import type { App } from '@slack/bolt';
import type { Ctx } from '../../../../services/context';
import { register as registerAppHome } from './app-home';
import { registerIntakeMessage } from './intake-message';
import { registerTicketReaction } from './ticket-reaction';
import { registerTicketThread } from './ticket-thread';

export function register(app: App, ctx: Ctx): void {
  registerAppHome(app, ctx);
  registerIntakeMessage(app, ctx);
  registerTicketThread(app, ctx);
  registerTicketReaction(app, ctx);
  // areas register here
}
