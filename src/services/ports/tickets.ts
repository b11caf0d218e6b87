import type { PersonStats } from '../../domain/tickets/leaderboard';

/**
 * What the tickets area stores: tickets and their customers and events, the burst
 * cards of the duty channel, and the API tokens of helpdesks.
 */

export interface ApiTokenInfo {
  id: number;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface ApiClientToken {
  id: number;
  /** The name given at `dutyloop token create --name` (e.g. zendesk). */
  name: string;
}

export interface Ticket {
  id: number;
  text: string;
  createdAt: number;
  workspaceId: string;
  source: string;
  externalId: string;
  customerId: number | null;
  customerKey: string | null;
  subject: string | null;
  url: string | null;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  status: 'open' | 'claimed' | 'resolved';
  originChannelId: string | null;
  originTs: string | null;
  permalink: string | null;
  requesterSlackId: string | null;
  createdBy: string | null;
  cardChannelId: string | null;
  cardTs: string | null;
  dutyTeamId: number | null;
  claimedBy: string | null;
  claimedAt: number | null;
  firstResponseAt: number | null;
  firstResponseBy: string | null;
  resolvedBy: string | null;
  resolvedAt: number | null;
  resolution: string | null;
  rating: number | null;
  ratingComment: string | null;
  ratedAt: number | null;
  nextTargetAt: number | null;
  topic: string;
  topicSetBy: string | null;
  updatedAt: number;
}

export interface Customer {
  id: number;
  workspaceId: string;
  key: string;
  slackUserId: string | null;
  email: string | null;
  name: string | null;
  company: string | null;
  externalId: string | null;
  createdAt: number;
}

export interface IntakeTicket {
  text: string;
  createdAt: number;
  workspaceId: string;
  source: string;
  externalId: string;
  customerId?: number | null;
  customerKey?: string | null;
  subject?: string | null;
  url?: string | null;
  priority?: 'low' | 'normal' | 'high' | 'urgent';
  originChannelId?: string | null;
  originTs?: string | null;
  permalink?: string | null;
  requesterSlackId?: string | null;
  createdBy?: string | null;
  dutyTeamId?: number | null;
  nextTargetAt?: number | null;
  topic?: string;
  updatedAt: number;
}

export interface NewTicketEvent {
  workspaceId: string;
  ticketId: number;
  type: string;
  actor: string | null;
  at: number;
  data?: unknown;
}

export interface CustomerFields {
  slackUserId?: string | null;
  email?: string | null;
  name?: string | null;
  company?: string | null;
  externalId?: string | null;
}

export interface CustomerUpsert {
  key: string;
  fields: CustomerFields;
}

export interface TicketChanges {
  text?: string;
  createdAt?: number;
  workspaceId?: string;
  source?: string;
  externalId?: string;
  updatedAt?: number;
  id?: number;
  customerId?: number | null;
  customerKey?: string | null;
  subject?: string | null;
  url?: string | null;
  priority?: 'low' | 'normal' | 'high' | 'urgent';
  status?: 'open' | 'claimed' | 'resolved';
  originChannelId?: string | null;
  originTs?: string | null;
  permalink?: string | null;
  requesterSlackId?: string | null;
  createdBy?: string | null;
  cardChannelId?: string | null;
  cardTs?: string | null;
  dutyTeamId?: number | null;
  claimedBy?: string | null;
  claimedAt?: number | null;
  firstResponseAt?: number | null;
  firstResponseBy?: string | null;
  resolvedBy?: string | null;
  resolvedAt?: number | null;
  resolution?: string | null;
  rating?: number | null;
  ratingComment?: string | null;
  ratedAt?: number | null;
  nextTargetAt?: number | null;
  topic?: string;
  topicSetBy?: string | null;
}

/** What the targets job needs of a ticket whose next reminder is due. */
export interface TargetClock {
  id: number;
  createdAt: number;
  firstResponseAt: number | null;
  resolvedAt: number | null;
}

export interface TicketsStore {
  byId(workspaceId: string, id: number): Promise<Ticket | undefined>;
  /**
   * The ticket read in order to change it: inside a unit of work, no other
   * unit of work changes it until this one ends, so a check on what it is
   * (open, claimed by…) still holds when the change is written. Two clicks at
   * once then run one after the other, and the second sees the first's result.
   */
  byIdForChange(workspaceId: string, id: number): Promise<Ticket | undefined>;
  bySourceExternal(workspaceId: string, source: string, externalId: string): Promise<Ticket | undefined>;
  /** The id alone, by a prepared statement: the intake's duplicate check. */
  idBySourceExternal(workspaceId: string, source: string, externalId: string): Promise<number | undefined>;
  idByOrigin(workspaceId: string, channel: string, ts: string): Promise<number | undefined>;
  byOrigin(workspaceId: string, channel: string, ts: string): Promise<Ticket | undefined>;
  byCard(workspaceId: string, channel: string, ts: string): Promise<Ticket | undefined>;
  /** Inserts unless (source, externalId) exists; returns the new id, or null when it existed. */
  insert(row: IntakeTicket): Promise<number | null>;
  /**
   * `insert` for each row, in as few statements as the engine allows: the new
   * ids in order, null where (source, externalId) existed, before or earlier in `rows`.
   */
  insertMany(rows: readonly IntakeTicket[]): Promise<(number | null)[]>;
  addEvents(events: readonly NewTicketEvent[]): Promise<void>;
  /** `upsertCustomer` for each, in order (the same key twice is one customer). */
  upsertCustomers(workspaceId: string, customers: readonly CustomerUpsert[], now: number): Promise<number[]>;
  update(workspaceId: string, id: number, set: TicketChanges): Promise<void>;
  addEvent(
    workspaceId: string,
    ticketId: number,
    type: string,
    actor: string | null,
    at: number,
    data?: unknown,
  ): Promise<void>;
  /** The customer with this key, else a new one with these fields. */
  upsertCustomer(workspaceId: string, key: string, c: CustomerFields, now: number): Promise<number>;
  hasEvent(ticketId: number, type: string): Promise<boolean>;
  /** The data of the ticket's first event of this type. */
  eventData(ticketId: number, type: string): Promise<unknown>;
  customer(id: number): Promise<Customer | undefined>;
  /** Unresolved tickets whose next target reminder is due at `now` (an index keeps this cheap). */
  dueForTargets(workspaceId: string, now: number): Promise<TargetClock[]>;
  /** How many tickets were resolved in [from, to). */
  countResolvedBetween(workspaceId: string, from: number, to: number): Promise<number>;
  /** How many tickets are not resolved. */
  countOpen(workspaceId: string): Promise<number>;
  /** How many tickets wait for their first card in the duty channel (a burst when many). */
  countWaitingForCard(workspaceId: string): Promise<number>;
  /** The texts of the newest `limit` tickets waiting for their first card, newest first. */
  textsWaitingForCard(workspaceId: string, limit: number): Promise<string[]>;
}

export interface BurstsStore {
  get(
    workspaceId: string,
    channelId: string,
  ): Promise<
    | { workspaceId: string; cardChannelId: string; cardTs: string; channelId: string; since: number; slots: number }
    | undefined
  >;
  /** The card was posted or refreshed: its slot count starts again. */
  save(
    burst: Omit<
      { workspaceId: string; cardChannelId: string; cardTs: string; channelId: string; since: number; slots: number },
      'slots'
    >,
  ): Promise<void>;
  /** A ticket card took one of the channel's slots. */
  countSlot(workspaceId: string, channelId: string): Promise<void>;
  /** Nothing waits any more: the next burst gets a card of its own. */
  end(workspaceId: string, channelId: string): Promise<void>;
}

export interface TokensStore {
  /** Stores a new token under `name`; only its SHA-256 is kept. Returns its id. */
  create(workspaceId: string, name: string, token: string, now: number): Promise<number>;
  list(workspaceId: string): Promise<ApiTokenInfo[]>;
  /** Marks a token revoked; false when it was already revoked (or is not this workspace's). */
  revoke(workspaceId: string, id: number, now: number): Promise<boolean>;
  /**
   * The live token of this workspace that `token` is, or undefined. Only its
   * SHA-256 is stored, so the lookup is by hash; last use is recorded at most once a minute.
   */
  authenticate(workspaceId: string, token: string, now: number): Promise<ApiClientToken | undefined>;
}

/** Resolutions per person, and the median first response over all of them: what a leaderboard is built from. */
export interface LeaderboardStats {
  people: PersonStats[];
  medianFirstResponseMs: number | null;
}

/** The leaderboard's read model: resolutions per person, aggregated by the database. */
export interface LeaderboardStore {
  /** Tickets resolved in [from, to) (all time when null), counted from the tickets themselves. */
  between(workspaceId: string, from: number | null, to: number | null): Promise<LeaderboardStats>;
  /**
   * All time, from the totals the tickets triggers keep: medians exact to the
   * response bucket (6 s under an hour), read in milliseconds however many tickets there are.
   */
  allTime(workspaceId: string): Promise<LeaderboardStats>;
  /** The configured members' names by Slack id (the id itself when a member has no name). */
  memberNames(workspaceId: string): Promise<Map<string, string>>;
}
