/** The messages the rotation area sends (see ../notify.ts); each kind has one renderer in adapters/slack/messages. */
export type RotationMessage = never;
