import { fakeId } from './linear-execution';

/**
 * The fake Linear's data. Objects hold the fields tests look at; relations back
 * to a parent are non-enumerable getters, so stored objects stay printable and
 * comparable while GraphQL can still walk `attachment.issue.team`.
 */
export interface LinearState {
  id: string;
  name: string;
  type: string;
  color: string;
  position: number;
}
export interface LinearTeam {
  id: string;
  key: string;
  name: string;
  states: LinearState[];
}
export interface LinearAttachment {
  id: string;
  url: string;
  title: string;
  subtitle?: string | null;
  metadata: Record<string, unknown>;
  issueId: string;
  createdAt: string;
  updatedAt: string;
}
export interface LinearCustomer {
  id: string;
  name: string;
  externalId: string;
  externalIds: string[];
  domains: string[];
  needs: LinearCustomerNeed[];
}
export interface LinearCustomerNeed {
  id: string;
  issueId: string | null;
  customerId: string | null;
  attachmentId: string | null;
  body: string | null;
  priority: number;
  createdAt: string;
}
export interface FakeLinearIssue {
  id: string;
  identifier: string;
  number: number;
  title: string;
  description: string;
  url: string;
  priority: number;
  state: LinearState;
  team: LinearTeam;
  attachments: LinearAttachment[];
  needs: LinearCustomerNeed[];
  createdAt: string;
  updatedAt: string;
}
export interface NewLinearIssue {
  id?: string;
  identifier?: string;
  title: string;
  description?: string;
  teamKey: string;
  state?: { name?: string; type: string };
}

const defaultStates: [string, string, string][] = [
  ['Triage', 'triage', '#FC7840'],
  ['Backlog', 'backlog', '#bec2c8'],
  ['Todo', 'unstarted', '#e2e2e2'],
  ['In Progress', 'started', '#f2c94c'],
  ['Done', 'completed', '#5e6ad2'],
  ['Canceled', 'canceled', '#95a2b3'],
];

export function defineLink<T extends object>(obj: T, field: string, get: () => unknown): T {
  Object.defineProperty(obj, field, { get, enumerable: false, configurable: true });
  return obj;
}

export class LinearStore {
  readonly teams: LinearTeam[] = [];
  /** By id. */
  readonly issues = new Map<string, FakeLinearIssue>();
  /** By id. */
  readonly attachments = new Map<string, LinearAttachment>();
  /** By external id (the first one), as the older tests read it. */
  readonly customers = new Map<string, LinearCustomer>();
  /** By id. */
  readonly customerNeeds = new Map<string, LinearCustomerNeed>();
  readonly viewer = {
    id: fakeId('viewer'),
    name: 'dutyloop',
    displayName: 'dutyloop',
    email: 'dutyloop@example.com',
    active: true,
    isMe: true,
    url: 'https://linear.app/acme/profiles/dutyloop',
  };
  private seq = 0;

  uuid(): string {
    return `00000000-0000-4000-9000-${String(++this.seq).padStart(12, '0')}`;
  }

  /** `addTeam('ENG')` or `addTeam({ key, name?, id? })`; a team comes with Linear's default workflow states. */
  addTeam(spec: string | { id?: string; key: string; name?: string }): LinearTeam {
    const s = typeof spec === 'string' ? { key: spec } : spec;
    const existing = this.team(s.key);
    if (existing) return existing;
    const team: LinearTeam = { id: s.id ?? this.uuid(), key: s.key, name: s.name ?? s.key, states: [] };
    team.states = defaultStates.map(([name, type, color], position) =>
      defineLink({ id: this.uuid(), name, type, color, position }, 'team', () => team),
    );
    this.teams.push(team);
    return team;
  }

  team(idOrKey: string): LinearTeam | undefined {
    return this.teams.find((t) => t.id === idOrKey || t.key.toUpperCase() === idOrKey.toUpperCase());
  }

  /** A team's state by type (`completed`) or name (`Done`); unknown ones are added to the team. */
  stateOf(team: LinearTeam, want: { name?: string; type: string }): LinearState {
    const found = team.states.find((s) => (want.name ? s.name === want.name : s.type === want.type));
    if (found) return found;
    const s = defineLink(
      {
        id: this.uuid(),
        name: want.name ?? want.type,
        type: want.type,
        color: '#000000',
        position: team.states.length,
      },
      'team',
      () => team,
    );
    team.states.push(s);
    return s;
  }

  /** `addIssue('ENG', 'Title', 'started')` or `addIssue({ teamKey, title, identifier?, state? })`. */
  addIssue(spec: string | NewLinearIssue, title?: string, stateType = 'unstarted'): FakeLinearIssue {
    const s: NewLinearIssue =
      typeof spec === 'string' ? { teamKey: spec, title: title ?? '', state: { type: stateType } } : spec;
    const team = this.addTeam(s.teamKey);
    const number = s.identifier
      ? Number(s.identifier.split('-')[1])
      : [...this.issues.values()].filter((i) => i.team === team).length + 1;
    const identifier = s.identifier ?? `${team.key}-${number}`;
    const now = new Date().toISOString();
    const issue: FakeLinearIssue = {
      id: s.id ?? this.uuid(),
      identifier,
      number,
      title: s.title,
      description: s.description ?? '',
      priority: 0,
      url: `https://linear.app/acme/issue/${identifier}/${slug(s.title)}`,
      state: this.stateOf(team, s.state ?? { type: 'unstarted' }),
      team,
      attachments: [],
      needs: [],
      createdAt: now,
      updatedAt: now,
    };
    this.issues.set(issue.id, issue);
    return issue;
  }

  /** An issue by id or identifier (`ENG-1`), as Linear's `issue(id:)` accepts both. */
  issue(idOrIdentifier: string): FakeLinearIssue | undefined {
    return (
      this.issues.get(idOrIdentifier) ??
      [...this.issues.values()].find((i) => i.identifier.toUpperCase() === idOrIdentifier.toUpperCase())
    );
  }

  /** Move an issue to the team's state of this type (`completed`, `canceled`, `started`…). */
  setState(id: string, type: string, name?: string): void {
    const issue = this.issue(id);
    if (!issue) throw new Error(`no Linear issue ${id}`);
    issue.state = this.stateOf(issue.team, { type, name });
    issue.updatedAt = new Date().toISOString();
  }

  /** Linear keeps one attachment per URL on an issue: a second create with the same URL updates it. */
  upsertAttachment(
    issue: FakeLinearIssue,
    input: { id?: string; url: string; title?: string; subtitle?: string | null; metadata?: Record<string, unknown> },
  ): LinearAttachment {
    const now = new Date().toISOString();
    let a = issue.attachments.find((x) => x.url === input.url);
    if (a) {
      Object.assign(
        a,
        { title: input.title ?? a.title, updatedAt: now },
        input.subtitle !== undefined ? { subtitle: input.subtitle } : {},
        input.metadata ? { metadata: input.metadata } : {},
      );
      return a;
    }
    a = {
      id: input.id ?? this.uuid(),
      url: input.url,
      title: input.title ?? input.url,
      subtitle: input.subtitle,
      metadata: input.metadata ?? {},
      issueId: issue.id,
      createdAt: now,
      updatedAt: now,
    };
    defineLink(a, 'issue', () => this.issues.get(issue.id));
    issue.attachments.push(a);
    this.attachments.set(a.id, a);
    return a;
  }

  upsertCustomer(input: { id?: string; externalId?: string; name?: string; domains?: string[] }): LinearCustomer {
    const all = [...this.customers.values()];
    let c = all.find(
      (x) => (input.id && x.id === input.id) || (input.externalId && x.externalIds.includes(input.externalId)),
    );
    if (c) {
      if (input.name) c.name = input.name;
      if (input.domains) c.domains = input.domains;
      return c;
    }
    const externalId = input.externalId ?? '';
    c = {
      id: input.id ?? this.uuid(),
      name: input.name ?? externalId,
      externalId,
      externalIds: externalId ? [externalId] : [],
      domains: input.domains ?? [],
      needs: [],
    };
    this.customers.set(externalId || c.id, c);
    return c;
  }

  customer(id: string): LinearCustomer | undefined {
    return [...this.customers.values()].find((c) => c.id === id || c.externalIds.includes(id));
  }

  addCustomerNeed(input: {
    id?: string;
    issueId?: string | null;
    customerId?: string | null;
    customerExternalId?: string | null;
    attachmentId?: string | null;
    body?: string | null;
    priority?: number | null;
  }): LinearCustomerNeed {
    const issue = input.issueId ? this.issue(input.issueId) : undefined;
    if (input.issueId && !issue) throw notFound('Issue');
    const customer = input.customerId
      ? this.customer(input.customerId)
      : input.customerExternalId
        ? this.customer(input.customerExternalId)
        : undefined;
    if ((input.customerId || input.customerExternalId) && !customer) throw notFound('Customer');
    const need: LinearCustomerNeed = {
      id: input.id ?? this.uuid(),
      issueId: issue?.id ?? null,
      customerId: customer?.id ?? null,
      attachmentId: input.attachmentId ?? null,
      body: input.body ?? null,
      priority: input.priority ?? 0,
      createdAt: new Date().toISOString(),
    };
    defineLink(need, 'issue', () => (need.issueId ? this.issues.get(need.issueId) : null));
    defineLink(need, 'customer', () => (need.customerId ? this.customer(need.customerId) : null));
    defineLink(need, 'attachment', () => (need.attachmentId ? this.attachments.get(need.attachmentId) : null));
    issue?.needs.push(need);
    customer?.needs.push(need);
    this.customerNeeds.set(need.id, need);
    return need;
  }

  /** Any stored entity by id, for relations given as `<field>Id`. */
  node(id: string): Record<string, any> | undefined {
    return (
      this.issues.get(id) ??
      this.attachments.get(id) ??
      this.customerNeeds.get(id) ??
      this.customer(id) ??
      this.team(id) ??
      this.teams.flatMap((t) => t.states).find((s) => s.id === id)
    );
  }
}

/** Linear's "not found" error, as its API words it. */
export function notFound(entity: string): Error {
  return Object.assign(new Error(`Entity not found: ${entity}`), {
    extensions: {
      type: 'invalid input',
      code: 'INVALID_INPUT',
      statusCode: 400,
      userError: true,
      userPresentableMessage: `Could not find referenced ${entity}.`,
    },
  });
}

function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}
