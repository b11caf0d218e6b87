/**
 * The one port GitHub and Linear sit behind, so the feedback services never
 * know which one they talk to. Implementations live in src/adapters/github and
 * src/adapters/linear.
 */
export interface TrackerIssue {
  provider: 'github' | 'linear';
  /** GitHub: "owner/repo#123"; Linear: the issue's uuid. */
  externalId: string;
  /** "owner/repo#123" or "ENG-42". */
  key: string;
  title: string;
  url: string;
  state: 'open' | 'closed';
  isPrivate: boolean;
  /** Where it lives: "owner/repo" on GitHub, the team key on Linear. */
  container?: string;
  /** Why a closed issue was closed: fixed/done, or not planned/canceled. */
  closedReason?: 'completed' | 'canceled';
}

export interface DemandSummary {
  /** One line of numbers, e.g. "Reported by 14 customers (21 tickets) · 9 in the last 30 days · …". */
  text: string;
  /** The issue's page on the dashboard. */
  dashboardUrl: string;
  /** Customers allowed to be named (empty unless config and privacy allow it). */
  customers: { key: string; name?: string; email?: string; company?: string }[];
}

export interface IssueTracker {
  readonly provider: 'github' | 'linear';
  search(query: string, limit: number): Promise<TrackerIssue[]>;
  /** null when the issue does not exist (any more). */
  get(externalId: string): Promise<TrackerIssue | null>;
  create(input: { title: string; body: string }): Promise<TrackerIssue>;
  writeDemand(issue: TrackerIssue, summary: DemandSummary): Promise<void>;
  /** The id `get` understands, from a URL or key a person typed; null when it is not this tracker's. */
  parseRef(text: string): string | null;
  /** Whether the place `create` puts new issues is private (a public GitHub repo is not). */
  createsPrivate(): Promise<boolean>;
  /** Whether dutyloop is configured for the repository / team the issue lives in. */
  isConfigured(issue: TrackerIssue): boolean;
  /**
   * Whether the issue's place is private now, read again when the last read is
   * older than maxAgeMs. Absent where visibility cannot change (Linear).
   */
  visibilityOf?(issue: TrackerIssue, now: number, maxAgeMs: number): Promise<boolean>;
}

export type IssueTrackers = Partial<Record<'github' | 'linear', IssueTracker>>;
