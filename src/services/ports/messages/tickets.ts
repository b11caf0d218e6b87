/** The messages the tickets area sends (see ../notify.ts); each kind has one renderer in adapters/slack/messages. */
export type TicketMessage = never;
