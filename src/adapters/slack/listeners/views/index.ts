import type { App } from '@slack/bolt';
import type { Runtime } from '../../../../app/runtime';
import { registerLinkIssueViews } from './link-issue';
import { registerTicketViews } from './ticket-views';
import { registerRotationViews } from './swap-request';

export function register(app: App, rt: Runtime): void {
  void app;
  void rt;
  registerLinkIssueViews(app, rt);
  registerTicketViews(app, rt);
  registerRotationViews(app, rt);
  // areas register here
}
