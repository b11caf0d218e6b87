import type { App } from '@slack/bolt';
import type { Ctx } from '../../../../services/context';
import { registerLinkIssueActions } from './link-issue';
import { registerTicketCardActions } from './ticket-card';
import { registerRatingActions } from './rating';
import { registerSwapAnswerActions } from './swap-answer';
import { registerTicketTopicActions } from './ticket-topic';
import { registerPrecedentFeedbackActions } from './precedent-feedback';

export function register(app: App, ctx: Ctx): void {
  void app;
  void ctx;
  registerLinkIssueActions(app, ctx);
  registerTicketCardActions(app, ctx);
  registerRatingActions(app, ctx);
  registerSwapAnswerActions(app, ctx);
  registerTicketTopicActions(app, ctx);
  registerPrecedentFeedbackActions(app, ctx);
  // areas register here
}
