import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, execute, parse, validate, type GraphQLSchema } from 'graphql';

/**
 * A local Linear GraphQL server for the feedback tests. Every query is parsed
 * and validated against Linear's published schema (fixtures/linear/schema.graphql)
 * and executed with graphql-js, so a field or argument Linear does not have fails.
 */
export interface FakeLinearIssue {
  id: string;
  identifier: string;
  title: string;
  description: string;
  url: string;
  state: { id: string; name: string; type: string; color: string };
  team: { id: string; key: string; name: string };
  attachments: { id: string; url: string; title: string; subtitle?: string }[];
  needs: { customerId: string }[];
}

export interface FakeLinear {
  url: string;
  issues: Map<string, FakeLinearIssue>;
  customers: Map<string, { id: string; name: string; externalId: string }>;
  requests: { query: string; variables: unknown }[];
  invalid: string[];
  addTeam(key: string): { id: string; key: string };
  addIssue(teamKey: string, title: string, stateType?: string): FakeLinearIssue;
  setState(id: string, type: string): void;
  /** The next `times` requests answer RATELIMITED (or with an HTTP status). */
  fail(opts: { ratelimited?: boolean; status?: number; times?: number }): void;
  delayMs: number;
  stop(): Promise<void>;
}

let schema: GraphQLSchema | undefined;
function linearSchema(): GraphQLSchema {
  schema ??= buildSchema(fs.readFileSync(new URL('../fixtures/linear/schema.graphql', import.meta.url), 'utf8'), { assumeValidSDL: true });
  return schema;
}

export async function startFakeLinear(): Promise<FakeLinear> {
  const teams: { id: string; key: string; name: string }[] = [];
  const issues = new Map<string, FakeLinearIssue>();
  const customers = new Map<string, { id: string; name: string; externalId: string }>();
  const requests: FakeLinear['requests'] = [];
  const invalid: string[] = [];
  const failures: { ratelimited?: boolean; status?: number; times: number }[] = [];
  let seq = 0;
  const uuid = () => `00000000-0000-4000-9000-${String(++seq).padStart(12, '0')}`;
  const stateOf = (type: string) => ({ id: `state-${type}`, name: type[0]!.toUpperCase() + type.slice(1), type, color: '#000000' });

  const fake: FakeLinear = {
    url: '',
    issues,
    customers,
    requests,
    invalid,
    delayMs: 0,
    addTeam(key) {
      const t = { id: uuid(), key, name: key };
      teams.push(t);
      return t;
    },
    addIssue(teamKey, title, stateType = 'unstarted') {
      const team = teams.find((t) => t.key === teamKey) ?? fake.addTeam(teamKey);
      const n = [...issues.values()].filter((i) => i.team.key === teamKey).length + 1;
      const identifier = `${teamKey}-${n}`;
      const issue: FakeLinearIssue = {
        id: uuid(), identifier, title, description: '', url: `https://linear.app/acme/issue/${identifier}`,
        state: stateOf(stateType), team: team as FakeLinearIssue['team'], attachments: [], needs: [],
      };
      issues.set(issue.id, issue);
      return issue;
    },
    setState(id, type) {
      issues.get(id)!.state = stateOf(type);
    },
    fail({ ratelimited, status, times = 1 }) {
      failures.push({ ratelimited, status, times });
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const find = (id: string) => issues.get(id) ?? [...issues.values()].find((i) => i.identifier === id.toUpperCase());
  const root = {
    teams: ({ filter }: { filter?: { key?: { in?: string[] } } }) => ({ nodes: teams.filter((t) => !filter?.key?.in || filter.key.in.includes(t.key)) }),
    searchIssues: ({ term, first, filter }: { term: string; first?: number; filter?: { team?: { key?: { in?: string[] } } } }) => {
      const words = term.toLowerCase().split(/\s+/).filter(Boolean);
      const keys = filter?.team?.key?.in;
      const nodes = [...issues.values()]
        .filter((i) => (!keys || keys.includes(i.team.key)) && words.some((w) => `${i.title} ${i.description}`.toLowerCase().includes(w)))
        .slice(0, first ?? 50);
      return { nodes, totalCount: nodes.length };
    },
    issue: ({ id }: { id: string }) => {
      const i = find(id);
      if (!i) throw Object.assign(new Error('Entity not found: Issue'), { extensions: { type: 'invalid input', userPresentableMessage: 'Entity not found: Issue' } });
      return i;
    },
    issueCreate: ({ input }: { input: { teamId: string; title: string; description?: string } }) => {
      const team = teams.find((t) => t.id === input.teamId);
      if (!team) throw new Error('team not found');
      const issue = fake.addIssue(team.key, input.title);
      issue.description = input.description ?? '';
      return { success: true, issue, lastSyncId: 1 };
    },
    attachmentCreate: ({ input }: { input: { issueId: string; url: string; title: string; subtitle?: string } }) => {
      const issue = find(input.issueId);
      if (!issue) throw new Error('Entity not found: Issue');
      let a = issue.attachments.find((x) => x.url === input.url);
      if (a) Object.assign(a, { title: input.title, subtitle: input.subtitle });
      else issue.attachments.push((a = { id: uuid(), url: input.url, title: input.title, subtitle: input.subtitle }));
      return { success: true, attachment: a, lastSyncId: 1 };
    },
    customerUpsert: ({ input }: { input: { externalId: string; name: string } }) => {
      let c = customers.get(input.externalId);
      if (!c) customers.set(input.externalId, (c = { id: uuid(), name: input.name, externalId: input.externalId }));
      return { success: true, customer: c, lastSyncId: 1 };
    },
    customerNeedCreate: ({ input }: { input: { issueId: string; customerId: string } }) => {
      find(input.issueId)?.needs.push({ customerId: input.customerId });
      return { success: true, lastSyncId: 1 };
    },
  };

  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', async () => {
      if (fake.delayMs) await new Promise((r) => setTimeout(r, fake.delayMs));
      const send = (status: number, data: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(data));
      };
      if (!req.headers.authorization) return send(400, { errors: [{ message: 'Authentication required', extensions: { type: 'authentication error' } }] });
      const { query, variables } = JSON.parse(raw || '{}') as { query: string; variables?: Record<string, unknown> };
      requests.push({ query, variables });
      const f = failures.find((x) => x.times > 0);
      if (f) {
        f.times--;
        if (f.ratelimited) return send(400, { errors: [{ message: 'Rate limit exceeded', extensions: { type: 'ratelimited', code: 'RATELIMITED', userPresentableMessage: 'Rate limit exceeded' } }] });
        return send(f.status ?? 500, { errors: [{ message: 'Internal error', extensions: { type: 'internal error' } }] });
      }
      let doc;
      try {
        doc = parse(query);
      } catch (err) {
        invalid.push(String(err));
        return send(400, { errors: [{ message: String(err), extensions: { type: 'graphql error' } }] });
      }
      const errors = validate(linearSchema(), doc);
      if (errors.length) {
        invalid.push(errors.map((e) => e.message).join('; '));
        return send(400, { errors: errors.map((e) => ({ message: e.message, extensions: { type: 'graphql error' } })) });
      }
      const result = await execute({ schema: linearSchema(), document: doc, rootValue: root, variableValues: variables });
      if (result.errors?.length) {
        return send(200, { data: result.data ?? null, errors: result.errors.map((e) => ({ message: e.message, path: e.path, extensions: (e.originalError as { extensions?: unknown })?.extensions ?? { type: 'invalid input' } })) });
      }
      return send(200, { data: result.data });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return fake;
}
