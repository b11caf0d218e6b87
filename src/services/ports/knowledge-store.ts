/**
 * What the knowledge area stores: the index of resolved tickets, the precedents
 * offered on new tickets with their verdicts, and the counts by topic.
 */

/** What the index is built from. */
export interface KnowledgeSource {
  id: number;
  status: string;
  subject: string | null;
  text: string;
  resolution: string | null;
  issueTitles: string[];
}

/** A resolved ticket's words as the index keeps them: space-joined stemmed terms per field. */
export interface KnowledgeDoc {
  id: number;
  question: string;
  resolution: string;
  issues: string;
}

/** What a hit shows. */
export interface KnowledgeTicket {
  id: number;
  subject: string | null;
  text: string;
  resolution: string | null;
  resolvedBy: string | null;
  resolvedAt: number | null;
  cardChannelId: string | null;
  cardTs: string | null;
}

export type PrecedentVerdict = 'helped' | 'unrelated';

/** A resolved ticket linked to an issue, as the issue page lists it. */
export interface IssuePrecedentRow {
  ticketId: number;
  subject: string | null;
  text: string;
  resolution: string | null;
  resolvedBy: string | null;
  resolvedAt: number;
  permalink: string | null;
  /** How many later tickets were marked 'This helped' on it. */
  helped: number;
}

export interface TopicCountRow {
  topic: string;
  tickets: number;
  customers: number;
}

export interface TopicMedianRow {
  topic: string;
  /** Milliseconds. */
  median: number;
}

export interface Precedent {
  id: number;
  ref: string;
  createdAt: number;
  workspaceId: string;
  ticketId: number;
  kind: 'ticket' | 'runbook';
  rank: number;
  score: number;
  verdict: 'helped' | 'unrelated' | null;
  verdictBy: string | null;
  verdictAt: number | null;
}

export interface KnowledgeStore {
  sources(workspaceId: string, ids: number[]): Promise<KnowledgeSource[]>;
  /** Replaces tickets' documents (or adds them), keeping the per-term counts with one write per distinct term. */
  put(workspaceId: string, docs: KnowledgeDoc[], version: number, now: number): Promise<void>;
  remove(ticketId: number): Promise<void>;
  /**
   * Resolved tickets with ids in (afterId, upTo] that are not indexed, or
   * indexed by an older version of terms(). A bounded id range, so the query
   * stays short however many tickets are already indexed.
   */
  unindexed(workspaceId: string, afterId: number, upTo: number, version: number): Promise<number[]>;
  lastTicketId(): Promise<number>;
  /** The best `limit` documents for a MATCH expression by BM25 (the customer's words weigh most). */
  ranked(workspaceId: string, match: string, limit: number): Promise<KnowledgeDoc[]>;
  /**
   * The newest `limit` documents for a MATCH expression: read in rowid order,
   * so it stops early however many documents match (for very common terms).
   */
  newest(workspaceId: string, match: string, limit: number): Promise<KnowledgeDoc[]>;
  doc(ticketId: number): Promise<KnowledgeDoc | undefined>;
  /** How many documents hold each term. */
  documentFrequencies(terms: string[]): Promise<Map<string, number>>;
  /** Documents in the index. */
  documentCount(): Promise<number>;
  /** Indexed terms starting with `prefix` (at most `limit`), to correct a misspelt word against. */
  termsStartingWith(prefix: string, limit: number): Promise<{ term: string; docs: number }[]>;
  tickets(workspaceId: string, ids: number[]): Promise<KnowledgeTicket[]>;
}

export interface PrecedentsStore {
  /** Stores what was offered; offering the same precedent again for the same ticket keeps the first row. */
  saveOffered(
    workspaceId: string,
    ticketId: number,
    offered: { kind: 'ticket' | 'runbook'; ref: string; rank: number; score: number }[],
    now: number,
  ): Promise<void>;
  forTicket(workspaceId: string, ticketId: number): Promise<Precedent[]>;
  byId(workspaceId: string, id: number): Promise<Precedent | undefined>;
  setVerdict(id: number, verdict: PrecedentVerdict, by: string, at: number): Promise<void>;
  /** The tickets marked 'This helped' for `ticketId`, in the order they were offered. */
  helpedTickets(workspaceId: string, ticketId: number): Promise<number[]>;
  /** The resolved tickets linked to an issue, newest resolution first: what the next person can learn from. */
  issuePrecedents(workspaceId: string, issueId: number, limit: number): Promise<IssuePrecedentRow[]>;
}

export interface TopicsStore {
  counts(workspaceId: string, from: number, to: number): Promise<TopicCountRow[]>;
  /** Each topic's median of `end - created_at` over its tickets that have `end` (the middle value, or the mean of the middle two). */
  medians(
    workspaceId: string,
    from: number,
    to: number,
    end: 'first_response_at' | 'resolved_at',
  ): Promise<TopicMedianRow[]>;
  /** The newest `limit` texts of one topic's tickets in the window (for the frequent words of `other`). */
  texts(workspaceId: string, topic: string, from: number, to: number, limit: number): Promise<string[]>;
}
