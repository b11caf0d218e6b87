import type { App } from '@slack/bolt';
import type { Runtime } from '../../../../app/runtime';
import { registerLinkIssueShortcut } from './link-issue';

export function register(app: App, rt: Runtime): void {
  void app;
  void rt;
  registerLinkIssueShortcut(app, rt);
  // areas register here
}
