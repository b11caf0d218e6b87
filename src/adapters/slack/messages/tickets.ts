import type { TicketMessage } from '../../../services/ports/messages/tickets';
import type { Renderers } from './render';

/** How each message of the tickets area looks in Slack. */
export const ticketsMessages: Renderers<TicketMessage> = {};
