import type { App } from '@slack/bolt';
import type { Runtime } from '../../../../app/runtime';
import { registerLinkIssueActions } from './link-issue';
import { registerTicketCardActions } from './ticket-card';
import { registerRatingActions } from './rating';
import { registerSwapAnswerActions } from './swap-answer';
import { registerTicketTopicActions } from './ticket-topic';
import { registerPrecedentFeedbackActions } from './precedent-feedback';

export function register(app: App, rt: Runtime): void {
  void app;
  void rt;
  registerLinkIssueActions(app, rt);
  registerTicketCardActions(app, rt);
  registerRatingActions(app, rt);
  registerSwapAnswerActions(app, rt);
  registerTicketTopicActions(app, rt);
  registerPrecedentFeedbackActions(app, rt);
  // areas register here
}
