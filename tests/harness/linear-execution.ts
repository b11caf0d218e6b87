import { createHash } from 'node:crypto';
import {
  getNamedType,
  getNullableType,
  isAbstractType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLFieldResolver,
  type GraphQLOutputType,
  type GraphQLTypeResolver,
} from 'graphql';

/**
 * How the fake Linear executes the SDK's documents over a small store. The SDK
 * asks for dozens of fields per type; stored objects carry only the ones a test
 * cares about, so every other field gets a placeholder of the right type
 * (nullable fields null), and a query valid against the schema always succeeds.
 */
type Obj = Record<string, any>;

/** Entities by id, so `issueId` on an attachment resolves `attachment.issue`. */
export type NodeLookup = (id: string) => Obj | undefined;

export function fieldResolver(lookup: NodeLookup): GraphQLFieldResolver<Obj, unknown> {
  return (source, args, context, info) => {
    let value = source[info.fieldName];
    if (typeof value === 'function') value = value.call(source, args, context, info);
    if (value === undefined && typeof source[`${info.fieldName}Id`] === 'string')
      value = lookup(source[`${info.fieldName}Id`]);
    if (value === undefined)
      return placeholder(info.returnType, `${source.id ?? info.parentType.name}/${info.fieldName}`);
    if (Array.isArray(value) && getNamedType(info.returnType).name.endsWith('Connection'))
      return connection(value, args);
    return value;
  };
}

/** Abstract types (Node, unions): the stored `__typename`, else the first possible type. */
export const typeResolver: GraphQLTypeResolver<Obj, unknown> = (value, _ctx, info, abstractType) =>
  value.__typename ?? info.schema.getPossibleTypes(abstractType)[0]?.name;

export function placeholder(type: GraphQLOutputType, seed: string): unknown {
  if (!isNonNullType(type)) return null;
  const inner = getNullableType(type);
  if (isListType(inner)) return [];
  if (isEnumType(inner)) return inner.getValues()[0]?.value ?? null;
  if (isScalarType(inner)) return scalarPlaceholder(inner.name, seed);
  if (isAbstractType(inner) || isObjectType(inner)) {
    const empty: Obj = { id: fakeId(seed) };
    return inner.name.endsWith('Connection') ? connection([], {}) : empty;
  }
  return null;
}

function scalarPlaceholder(name: string, seed: string): unknown {
  switch (name) {
    case 'ID':
    case 'UUID':
      return fakeId(seed);
    case 'Boolean':
      return false;
    case 'Int':
    case 'Float':
      return 0;
    case 'DateTime':
    case 'DateTimeOrDuration':
      return new Date().toISOString();
    case 'TimelessDate':
    case 'TimelessDateOrDuration':
      return new Date().toISOString().slice(0, 10);
    case 'Duration':
      return 'P0D';
    case 'JSON':
    case 'JSONObject':
      return {};
    default:
      return '';
  }
}

/** A UUID derived from `seed`, so the same placeholder has the same id every time. */
export function fakeId(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A Relay connection over `items`, honouring `first`/`after` like Linear. */
export function connection(items: Obj[], args: { first?: number | null; after?: string | null; filter?: Obj | null }) {
  let list = args.filter ? items.filter((i) => matches(i, args.filter!)) : items;
  const start = args.after ? list.findIndex((i) => i.id === args.after) + 1 : 0;
  const all = list.slice(start);
  list = all.slice(0, args.first ?? 50);
  return {
    nodes: list,
    edges: list.map((node) => ({ node, cursor: node.id })),
    pageInfo: {
      hasNextPage: all.length > list.length,
      hasPreviousPage: start > 0,
      startCursor: list[0]?.id ?? null,
      endCursor: list.at(-1)?.id ?? null,
    },
    totalCount: list.length,
  };
}

const comparators = new Set([
  'eq',
  'neq',
  'in',
  'nin',
  'contains',
  'containsIgnoreCase',
  'notContains',
  'startsWith',
  'endsWith',
  'eqIgnoreCase',
  'null',
  'lt',
  'lte',
  'gt',
  'gte',
]);

/** Linear's filter objects: nested fields, `and`/`or`, and comparators (`eq`, `in`, `containsIgnoreCase`…). */
export function matches(entity: Obj | undefined, filter: Obj): boolean {
  return Object.entries(filter).every(([key, cond]) => {
    if (cond === null || cond === undefined) return true;
    if (key === 'and') return (cond as Obj[]).every((f) => matches(entity, f));
    if (key === 'or') return (cond as Obj[]).some((f) => matches(entity, f));
    if (comparators.has(key)) return compare(entity, key, cond);
    const value = entity?.[key];
    if (Object.keys(cond).some((k) => comparators.has(k)))
      return Object.entries(cond as Obj).every(([op, v]) => compare(value, op, v));
    return matches(value, cond as Obj);
  });
}

function compare(value: unknown, op: string, want: any): boolean {
  const s = String(value ?? '').toLowerCase();
  switch (op) {
    case 'eq':
      return value === want;
    case 'neq':
      return value !== want;
    case 'in':
      return (want as unknown[]).includes(value);
    case 'nin':
      return !(want as unknown[]).includes(value);
    case 'eqIgnoreCase':
      return s === String(want).toLowerCase();
    case 'contains':
      return String(value ?? '').includes(want);
    case 'containsIgnoreCase':
      return s.includes(String(want).toLowerCase());
    case 'notContains':
      return !String(value ?? '').includes(want);
    case 'startsWith':
      return String(value ?? '').startsWith(want);
    case 'endsWith':
      return String(value ?? '').endsWith(want);
    case 'null':
      return (value === null || value === undefined) === want;
    case 'lt':
      return (value as number) < want;
    case 'lte':
      return (value as number) <= want;
    case 'gt':
      return (value as number) > want;
    case 'gte':
      return (value as number) >= want;
    default:
      return true;
  }
}
