import type { App } from '@slack/bolt';
import type { Runtime } from '../../../../app/runtime';
import { registerLinkIssueShortcut } from './link-issue';
import { registerCreateTicketShortcut } from './create-ticket';

export function register(app: App, rt: Runtime): void {
  void app;
  void rt;
  registerLinkIssueShortcut(app, rt);
  registerCreateTicketShortcut(app, rt);
  // areas register here
}
