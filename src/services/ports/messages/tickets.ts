import type { ResponseTarget } from '../../../domain/tickets/targets';

/** The messages the tickets area sends (see ../notify.ts); each kind has one renderer in adapters/slack/messages. */
export type TicketMessage =
  /** A DM to the duty lead or the escalation user: the ticket was escalated (`by` someone, or the targets job), its text quoted. */
  | {
      kind: 'ticket.escalated';
      to: string;
      ticket: { id: number; text: string; cardChannelId: string | null };
      by: string | null;
      reason: string;
    }
  /** In the card's thread: who escalated and why, and whom it told (`told` empty: no lead is configured). */
  | {
      kind: 'ticket.escalation_noted';
      channel: string;
      threadTs: string;
      by: string | null;
      reason: string;
      told: string[];
    }
  /** The duty team (`onDuty`, or "Duty team" when nobody is) is told a ticket is close to a target. */
  | {
      kind: 'ticket.target_nudge';
      channel: string;
      /** The card's thread, when the ticket has a card. */
      threadTs: string | null;
      ticketId: number;
      onDuty: string[];
      target: ResponseTarget;
    }
  /** In the card's thread: the requester rated the ticket low (1–2), with their comment, if any. */
  | { kind: 'ticket.low_rating'; channel: string; threadTs: string; rating: number; comment: string | null }
  /** In the thread of the customer's message: which ticket it became and where the duty team works on it. */
  | { kind: 'ticket.received'; channel: string; threadTs: string; ticketId: number; dutyChannel: string };
