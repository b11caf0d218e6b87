import type { TrackerIssue } from './issue-tracker';
import type { Ticket } from './tickets';

/**
 * What the feedback loop stores: issues from the trackers, the tickets linked to
 * them, what was written back, and the demand board's reads.
 */

export interface DemandRow {
  issueId: number;
  provider: 'github' | 'linear';
  key: string;
  title: string;
  url: string;
  state: 'open' | 'closed';
  tickets: number;
  customers: number;
}

export interface CountRow {
  issueId: number;
  tickets: number;
  customers: number;
}

export interface SeenRow {
  issueId: number;
  firstSeen: number;
  lastSeen: number;
}

export interface DemandBoardQuery {
  workspaceId: string;
  /** [from, to) in epoch ms; null for all time, which reads the trigger-kept totals. */
  range: { from: number; to: number } | null;
  previous: { from: number; to: number } | null;
  limit: number;
}

export interface DemandBoardData {
  top: DemandRow[];
  /** Counts of the same issues over the previous window; null for all time. */
  previous: CountRow[] | null;
  seen: SeenRow[];
}

export interface LinkedTicket {
  ticketId: number;
  customerKey: string;
  ticketCreatedAt: number;
  subject: string | null;
  text: string;
  status: string;
  permalink: string | null;
  linkedBy: string | null;
  linkedAt: number;
}

export interface Issue {
  id: number;
  createdAt: number;
  workspaceId: string;
  externalId: string;
  key: string;
  url: string;
  updatedAt: number;
  provider: 'github' | 'linear';
  title: string;
  state: 'open' | 'closed';
  stateChangedAt: number | null;
  isPrivate: boolean;
  mergedIntoId: number | null;
}

export interface TicketLink {
  id: number;
  workspaceId: string;
  customerKey: string;
  ticketId: number;
  issueId: number;
  ticketCreatedAt: number;
  linkedBy: string | null;
  linkedAt: number;
}

export interface FeedbackStore {
  issue(ws: string, id: number): Promise<Issue | undefined>;
  issueByExternal(ws: string, provider: 'github' | 'linear', externalId: string): Promise<Issue | undefined>;
  /** Inserts or refreshes what we know of an issue; returns the row. State changes are left to `setState`. */
  upsertIssue(ws: string, issue: TrackerIssue, now: number): Promise<Issue>;
  setState(id: number, state: 'open' | 'closed', now: number): Promise<void>;
  /** A transferred issue keeps its row (and so its links) under the new id. */
  moveIssue(id: number, issue: TrackerIssue, now: number): Promise<void>;
  /** Moves links of a duplicate to the surviving issue; a ticket linked to both keeps one link. */
  mergeInto(duplicateId: number, survivorId: number, now: number): Promise<number>;
  link(input: {
    ws: string;
    ticket: Ticket;
    issueId: number;
    linkedBy: string | null;
    now: number;
  }): Promise<{ created: boolean }>;
  unlink(ws: string, ticketId: number, issueId: number): Promise<boolean>;
  issuesOfTicket(ws: string, ticketId: number): Promise<Issue[]>;
  linksOfIssue(
    ws: string,
    issueId: number,
  ): Promise<(TicketLink & { cardChannelId: string | null; cardTs: string | null })[]>;
  /**
   * Issues already linked by tickets whose text reads like `query` (FTS5, BM25),
   * best first. Only the best-matching tickets are looked at, so it stays fast.
   */
  similarLinkedIssues(ws: string, query: string, limit: number, excludeTicketId?: number): Promise<Issue[]>;
  openLinkedIssues(ws: string, provider: 'github' | 'linear', limit: number): Promise<Issue[]>;
  touchIssue(id: number, now: number): Promise<void>;
  writeback(
    issueId: number,
  ): Promise<
    { workspaceId: string; issueId: number; lastWrittenAt: number | null; lastText: string | null } | undefined
  >;
  recordWriteback(ws: string, issueId: number, text: string, now: number): Promise<void>;
  /** One customer's name, company and e-mail, so they can be taken out of a quote. */
  customer(
    ws: string,
    key: string,
  ): Promise<{ key: string; name: string | null; email: string | null; company: string | null } | undefined>;
  /** Customers of an issue with their names, for trackers where naming them is allowed. */
  customersOfIssue(
    ws: string,
    issueId: number,
  ): Promise<{ key: string; name: string | null; email: string | null; company: string | null }[]>;
  sentNeeds(issueId: number): Promise<Set<string>>;
  recordNeeds(ws: string, issueId: number, keys: string[], now: number): Promise<void>;
  recordStateNotice(ws: string, issueId: number, state: 'open' | 'closed', now: number): Promise<void>;
}

export interface DemandStore {
  /**
   * Issues ranked by distinct customers, then tickets, over the window (all time
   * when `range` is null), with the previous window's counts and first and last
   * seen. Off the event loop on a file database: see read-pool.
   */
  board(q: DemandBoardQuery): Promise<DemandBoardData>;
  linkedTickets(ws: string, issueId: number): Promise<LinkedTicket[]>;
}
