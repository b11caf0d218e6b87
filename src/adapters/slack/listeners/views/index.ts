import type { App } from '@slack/bolt';
import type { Ctx } from '../../../../services/context';
import { registerLinkIssueViews } from './link-issue';
import { registerTicketViews } from './ticket-views';
import { registerRotationViews } from './swap-request';

export function register(app: App, ctx: Ctx): void {
  void app;
  void ctx;
  registerLinkIssueViews(app, ctx);
  registerTicketViews(app, ctx);
  registerRotationViews(app, ctx);
  // areas register here
}
