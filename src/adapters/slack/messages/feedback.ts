import type { FeedbackMessage } from '../../../services/ports/messages/feedback';
import type { Renderers } from './render';

/** How each message of the feedback area looks in Slack. */
export const feedbackMessages: Renderers<FeedbackMessage> = {};
