import type { App } from '@slack/bolt';
import type { Runtime } from '../../../../app/runtime';
import { register as registerAppHome } from './app-home';
import { registerIntakeMessage } from './intake-message';
import { registerTicketReaction } from './ticket-reaction';
import { registerTicketThread } from './ticket-thread';

export function register(app: App, rt: Runtime): void {
  registerAppHome(app, rt);
  registerIntakeMessage(app, rt);
  registerTicketThread(app, rt);
  registerTicketReaction(app, rt);
  // areas register here
}
