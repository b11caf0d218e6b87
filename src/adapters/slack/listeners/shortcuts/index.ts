import type { App } from '@slack/bolt';
import type { Ctx } from '../../../../services/context';
import { registerLinkIssueShortcut } from './link-issue';
import { registerCreateTicketShortcut } from './create-ticket';

export function register(app: App, ctx: Ctx): void {
  void app;
  void ctx;
  registerLinkIssueShortcut(app, ctx);
  registerCreateTicketShortcut(app, ctx);
  // areas register here
}
