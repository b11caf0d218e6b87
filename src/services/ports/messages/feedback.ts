/** The messages the feedback area sends (see ../notify.ts); each kind has one renderer in adapters/slack/messages. */
export type FeedbackMessage = never;
