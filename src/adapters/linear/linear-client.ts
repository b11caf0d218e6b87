import { LinearClient } from '@linear/sdk';
import { z } from 'zod';
import { type CallObserver, observed } from '../outbound-calls';
import type { DemandSummary, IssueTracker, TrackerIssue } from '../../services/ports/issue-tracker';
import { linearClosedTypes, linearIssue, type LinearIssue } from './issue-schema';

const issueFields = `id identifier title url state { type } team { id key }`;

export interface LinearOptions {
  apiKey: string;
  apiUrl: string;
  /** Team keys (e.g. "ENG") searched and created in; the first one gets new issues. */
  teams: string[];
  /** A call that has not answered by then fails like a network error (default 15 s). */
  timeoutMs?: number;
  /** Told how each call to Linear ended (for /metrics), by GraphQL operation name. */
  onCall?: CallObserver;
}

const refPattern = /^(?:https?:\/\/[^/]+\/[^/]+\/issue\/)?([A-Za-z][A-Za-z0-9]{0,9}-\d+)(?:\/[^\s]*)?$/;

function withDeadline<T>(call: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error(`Linear did not answer within ${ms} ms`), { code: 'ETIMEDOUT' })),
      ms,
    );
  });
  return Promise.race([call, deadline]).finally(() => clearTimeout(timer));
}

/** Linear through the SDK's GraphQL client, with our own small queries checked by zod. */
export class LinearTracker implements IssueTracker {
  readonly provider = 'linear' as const;
  private readonly client: LinearClient;
  private teamIds: Map<string, string> | undefined;

  constructor(private readonly opts: LinearOptions) {
    this.client = new LinearClient({ apiKey: opts.apiKey, apiUrl: opts.apiUrl });
  }

  private async request<T>(query: string, variables: Record<string, unknown>, schema: z.ZodType<T>): Promise<T> {
    // The SDK takes no per-request signal, so a silent server is raced, not aborted.
    const operation = /^\s*(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? 'anonymous';
    const data = await observed(this.opts.onCall, 'linear', operation, () =>
      withDeadline(
        this.client.client.request<unknown, Record<string, unknown>>(query, variables),
        this.opts.timeoutMs ?? 15_000,
      ),
    );
    return schema.parse(data);
  }

  private toIssue(raw: LinearIssue): TrackerIssue {
    return {
      provider: 'linear',
      externalId: raw.id,
      key: raw.identifier,
      title: raw.title,
      url: raw.url,
      state: linearClosedTypes.has(raw.state?.type ?? '') ? 'closed' : 'open',
      // Linear issues are visible to the organisation's members only.
      isPrivate: true,
      container: raw.team?.key ?? raw.identifier.split('-')[0],
      closedReason:
        raw.state?.type === 'canceled' ? 'canceled' : raw.state?.type === 'completed' ? 'completed' : undefined,
    };
  }

  parseRef(text: string): string | null {
    const m = refPattern.exec(text.trim());
    return m ? m[1]!.toUpperCase() : null;
  }

  isConfigured(issue: TrackerIssue): boolean {
    const team = issue.container ?? issue.key.split('-')[0];
    return this.opts.teams.some((t) => t.toUpperCase() === team?.toUpperCase());
  }

  private async teamIdMap(): Promise<Map<string, string>> {
    if (this.teamIds) return this.teamIds;
    const res = await this.request(
      `query DutyloopTeams($keys: [String!]) { teams(filter: { key: { in: $keys } }) { nodes { id key } } }`,
      { keys: this.opts.teams },
      z.object({ teams: z.object({ nodes: z.array(z.object({ id: z.string(), key: z.string() })) }) }),
    );
    this.teamIds = new Map(res.teams.nodes.map((t) => [t.key.toUpperCase(), t.id]));
    return this.teamIds;
  }

  async search(query: string, limit: number): Promise<TrackerIssue[]> {
    if (this.opts.teams.length === 0 || !query.trim()) return [];
    const res = await this.request(
      `query DutyloopSearch($term: String!, $first: Int, $filter: IssueFilter) {
        searchIssues(term: $term, first: $first, filter: $filter) { nodes { ${issueFields} } }
      }`,
      { term: query.trim(), first: limit, filter: { team: { key: { in: this.opts.teams } } } },
      z.object({ searchIssues: z.object({ nodes: z.array(linearIssue) }) }),
    );
    return res.searchIssues.nodes.map((n) => this.toIssue(n));
  }

  async get(externalId: string): Promise<TrackerIssue | null> {
    try {
      const res = await this.request(
        `query DutyloopIssue($id: String!) { issue(id: $id) { ${issueFields} } }`,
        { id: externalId },
        z.object({ issue: linearIssue.nullable() }),
      );
      return res.issue ? this.toIssue(res.issue) : null;
    } catch (err) {
      if (/not found|entity not found/i.test(String((err as Error).message))) return null;
      throw err;
    }
  }

  async createsPrivate(): Promise<boolean> {
    return true;
  }

  async create(input: { title: string; body: string }): Promise<TrackerIssue> {
    const key = this.opts.teams[0];
    if (!key) throw new Error('no Linear team is configured');
    const teamId = (await this.teamIdMap()).get(key.toUpperCase());
    if (!teamId) throw new Error(`Linear team ${key} was not found`);
    const res = await this.request(
      `mutation DutyloopCreate($input: IssueCreateInput!) { issueCreate(input: $input) { success issue { ${issueFields} } } }`,
      { input: { teamId, title: input.title, description: input.body } },
      z.object({ issueCreate: z.object({ success: z.boolean(), issue: linearIssue.nullish() }) }),
    );
    if (!res.issueCreate.success || !res.issueCreate.issue) throw new Error('Linear did not create the issue');
    return this.toIssue(res.issueCreate.issue);
  }

  /**
   * An attachment whose URL is the issue's dashboard page, so Linear updates
   * the same attachment each time; plus a customer need per customer that may be named.
   */
  async writeDemand(issue: TrackerIssue, summary: DemandSummary): Promise<void> {
    await this.request(
      `mutation DutyloopDemand($input: AttachmentCreateInput!) { attachmentCreate(input: $input) { success attachment { id } } }`,
      {
        input: {
          issueId: issue.externalId,
          url: summary.dashboardUrl,
          title: 'Customer demand (dutyloop)',
          subtitle: summary.text,
        },
      },
      z.object({ attachmentCreate: z.object({ success: z.boolean() }) }),
    );
    for (const c of summary.customers) {
      const upsert = await this.request(
        `mutation DutyloopCustomer($input: CustomerUpsertInput!) { customerUpsert(input: $input) { success customer { id } } }`,
        { input: { externalId: c.key, name: c.company ?? c.name ?? c.key } },
        z.object({
          customerUpsert: z.object({ success: z.boolean(), customer: z.object({ id: z.string() }).nullish() }),
        }),
      );
      const customerId = upsert.customerUpsert.customer?.id;
      if (!customerId) continue;
      await this.request(
        `mutation DutyloopNeed($input: CustomerNeedCreateInput!) { customerNeedCreate(input: $input) { success } }`,
        { input: { issueId: issue.externalId, customerId } },
        z.object({ customerNeedCreate: z.object({ success: z.boolean() }) }),
      );
    }
  }
}
