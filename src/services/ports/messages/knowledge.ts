/** The messages the knowledge area sends (see ../notify.ts); each kind has one renderer in adapters/slack/messages. */
export type KnowledgeMessage = never;
