import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  buildSchema,
  execute,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { fieldResolver, typeResolver } from './linear-execution';
import { rootResolvers } from './linear-resolvers';
import { LinearStore } from './linear-store';
import { closeServer, fakeServer, readBody } from './http';

export type {
  FakeLinearIssue,
  LinearAttachment,
  LinearCustomer,
  LinearCustomerNeed,
  LinearState,
  LinearTeam,
  NewLinearIssue,
} from './linear-store';
export { postLinearWebhook, signLinearWebhook } from './webhook-requests';

export interface LinearCall {
  operationName: string | null;
  query: string;
  variables: Record<string, unknown>;
  status: number;
  at: number;
}
export interface LinearValidationError {
  operationName: string | null;
  query: string;
  messages: string[];
}
export interface LinearFailSpec {
  /** Answer as Linear does past its rate limit: HTTP 400, `errors[0].extensions.code` RATELIMITED. */
  rateLimited?: boolean;
  /** The older spelling of `rateLimited`. */
  ratelimited?: boolean;
  /** Otherwise this HTTP status (default 500). */
  status?: number;
  times?: number;
}

let schema: GraphQLSchema | undefined;
/** Linear's published schema (copied from shared/fixtures/linear), built once per process. */
export function linearSchema(): GraphQLSchema {
  schema ??= buildSchema(fs.readFileSync(new URL('../fixtures/linear/schema.graphql', import.meta.url), 'utf8'), {
    assumeValidSDL: true,
  });
  return schema;
}

/**
 * Linear's GraphQL API on 127.0.0.1 for `new LinearClient({ apiKey, apiUrl: ln.url })`.
 * Every document is validated against Linear's schema, so a misspelt field fails
 * here as it would there; valid ones are executed over the in-memory store.
 */
export class FakeLinear extends LinearStore {
  url = '';
  readonly calls: LinearCall[] = [];
  readonly validationErrors: LinearValidationError[] = [];
  /** Milliseconds every answer waits. */
  delayMs = 0;
  private readonly failures: { target: string; spec: LinearFailSpec; times: number }[] = [];
  private readonly root = rootResolvers(this);
  private readonly server = fakeServer((req, res) => this.handle(req, res));

  /** The older name of `calls`. */
  get requests(): LinearCall[] {
    return this.calls;
  }

  /** The older view of `validationErrors`: one joined message per bad document. */
  get invalid(): string[] {
    return this.validationErrors.map((e) => e.messages.join('; '));
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/graphql`;
    return this;
  }

  /** Calls whose operation name or a top-level field is `name` (`attachmentCreate`, `searchIssues`…). */
  callsTo(name: string): LinearCall[] {
    return this.calls.filter((c) => c.operationName === name || topFields(c.query).includes(name));
  }

  /**
   * The next `times` (default 1, Infinity allowed) requests for an operation name or
   * top-level field fail; `fail({ ... })` without a name fails any request.
   */
  fail(target: string, spec: LinearFailSpec): this;
  fail(spec: LinearFailSpec): this;
  fail(a: string | LinearFailSpec, b?: LinearFailSpec): this {
    const [target, spec] = typeof a === 'string' ? [a, b ?? {}] : ['*', a];
    this.failures.push({ target, spec, times: spec.times ?? 1 });
    return this;
  }

  assertNoInvalidQueries(): void {
    if (this.validationErrors.length) {
      throw new Error(
        `fake Linear got documents its schema rejects:\n${this.validationErrors.map((e) => `${e.operationName ?? '(anonymous)'}: ${e.messages.join('; ')}`).join('\n')}`,
      );
    }
  }

  reset(): void {
    this.calls.length = 0;
    this.validationErrors.length = 0;
    this.failures.length = 0;
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }

  /** The older name of `close`. */
  stop(): Promise<void> {
    return this.close();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const raw = await readBody(req);
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    let call: LinearCall | undefined;
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      if (call) call.status = status;
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(body));
    };
    let body: { query?: string; variables?: Record<string, unknown>; operationName?: string };
    try {
      body = JSON.parse(raw || '{}');
    } catch {
      return reply(400, {
        errors: [
          { message: 'Unexpected token in JSON body', extensions: { type: 'graphql error', code: 'BAD_REQUEST' } },
        ],
      });
    }
    if (!req.headers.authorization) {
      return reply(400, {
        errors: [
          {
            message: 'Authentication required, not authenticated',
            extensions: {
              type: 'authentication error',
              code: 'AUTHENTICATION_ERROR',
              userPresentableMessage: 'You need to authenticate to access this operation.',
            },
          },
        ],
      });
    }
    const query = body.query ?? '';
    let doc: DocumentNode | undefined;
    try {
      doc = parse(query);
    } catch {
      doc = undefined;
    }
    const operationName = body.operationName ?? (doc ? (operationOf(doc)?.name?.value ?? null) : null);
    call = { operationName, query, variables: body.variables ?? {}, status: 0, at: Date.now() };
    this.calls.push(call);

    const failure = this.failures.find(
      (f) => f.times > 0 && (f.target === '*' || f.target === operationName || topFields(query).includes(f.target)),
    );
    if (failure) {
      failure.times -= 1;
      if (failure.spec.rateLimited || failure.spec.ratelimited) {
        const reset = String(Date.now() + 60_000);
        return reply(
          400,
          {
            errors: [
              {
                message: 'Rate limit exceeded',
                extensions: {
                  type: 'ratelimited',
                  code: 'RATELIMITED',
                  statusCode: 429,
                  userPresentableMessage: 'Rate limit exceeded, please try again later.',
                },
              },
            ],
          },
          {
            'x-ratelimit-requests-limit': '1500',
            'x-ratelimit-requests-remaining': '0',
            'x-ratelimit-requests-reset': reset,
          },
        );
      }
      return reply(failure.spec.status ?? 500, {
        errors: [
          { message: 'Internal server error', extensions: { type: 'internal error', code: 'INTERNAL_SERVER_ERROR' } },
        ],
      });
    }

    const errors = doc ? validate(linearSchema(), doc) : undefined;
    if (!doc || errors!.length) {
      const messages = doc ? errors!.map((e) => e.message) : [safeParseError(query)];
      this.validationErrors.push({ operationName, query, messages });
      return reply(400, {
        errors: messages.map((message) => ({
          message,
          extensions: { type: 'graphql error', code: 'GRAPHQL_VALIDATION_FAILED', userPresentableMessage: message },
        })),
      });
    }
    const result = await execute({
      schema: linearSchema(),
      document: doc,
      rootValue: this.root,
      variableValues: body.variables,
      operationName: body.operationName,
      fieldResolver: fieldResolver((id) => this.node(id)),
      typeResolver,
    });
    if (result.errors?.length) {
      // Linear answers an entity-level error with data null and the error's extensions.
      return reply(200, {
        data: result.data ?? null,
        errors: result.errors.map((e) => ({
          message: e.message,
          path: e.path,
          locations: e.locations,
          extensions: (e.originalError as { extensions?: unknown } | undefined)?.extensions ?? {
            type: 'invalid input',
            code: 'INVALID_INPUT',
          },
        })),
      });
    }
    return reply(200, { data: result.data });
  }
}

export async function startFakeLinear(): Promise<FakeLinear> {
  return new FakeLinear().listen();
}

function operationOf(doc: DocumentNode): OperationDefinitionNode | undefined {
  return doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
}

/** The root fields a document selects (`searchIssues`, `attachmentCreate`…). */
function topFields(query: string): string[] {
  try {
    const op = operationOf(parse(query));
    return op?.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : [])) ?? [];
  } catch {
    return [];
  }
}

function safeParseError(query: string): string {
  try {
    parse(query);
    return 'Invalid document';
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
