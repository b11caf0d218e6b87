/**
 * The ticket state machine. open → claimed → resolved; a resolved ticket is
 * reopened by the requester writing again. Every move is checked here so the
 * Slack buttons and the API agree on what is allowed.
 */
export type TicketStatus = 'open' | 'claimed' | 'resolved';

export type TicketAction =
  | { type: 'claim'; by: string }
  | { type: 'resolve'; by: string }
  | { type: 'reopen'; by: string };

export interface TicketState {
  status: TicketStatus;
  claimedBy: string | null;
}

export type Transition =
  | { ok: true; status: TicketStatus; claimedBy: string | null }
  | { ok: false; reason: 'already_claimed' | 'already_resolved' | 'not_resolved' };

export function applyTicketAction(state: TicketState, action: TicketAction): Transition {
  switch (action.type) {
    case 'claim':
      if (state.status === 'resolved') return { ok: false, reason: 'already_resolved' };
      if (state.status === 'claimed') return { ok: false, reason: 'already_claimed' };
      return { ok: true, status: 'claimed', claimedBy: action.by };
    case 'resolve':
      if (state.status === 'resolved') return { ok: false, reason: 'already_resolved' };
      // Resolving an unclaimed ticket claims it for the resolver: who did the work gets the credit.
      return { ok: true, status: 'resolved', claimedBy: state.claimedBy ?? action.by };
    case 'reopen':
      if (state.status !== 'resolved') return { ok: false, reason: 'not_resolved' };
      // Back to whoever had it, so the same person sees the follow-up.
      return { ok: true, status: state.claimedBy ? 'claimed' : 'open', claimedBy: state.claimedBy };
  }
}
