import type { FeedbackMessage } from './messages/feedback';
import type { KnowledgeMessage } from './messages/knowledge';
import type { RotationMessage } from './messages/rotation';
import type { TicketMessage } from './messages/tickets';

/**
 * What a service wants said in Slack, and to whom — never how: the Block Kit
 * and the text are rendered by adapters/slack (one renderer per `kind`), so a
 * service can be read and tested without knowing Slack's formats. Text that
 * came from outside (customers, trackers) travels here raw; the renderer escapes it.
 */
export type Message = TicketMessage | RotationMessage | FeedbackMessage | KnowledgeMessage;

export interface SendOptions {
  /** The same key twice queues one message: idempotent producers (retries, two replicas). */
  dedupeKey?: string;
  /** Epoch ms before which it must not go out. */
  notBefore?: number;
}

export interface Notify {
  /** Queues the message in the caller's unit of work; it goes out after the commit. Returns the outbox id. */
  send(message: Message, options?: SendOptions): Promise<number>;
}
