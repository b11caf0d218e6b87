// Every PostgreSQL table, for drizzle's typed queries: the same tables and
// columns as the SQLite schema (src/adapters/db/schema), with PostgreSQL's
// types — bigint epoch milliseconds, booleans, jsonb, identity ids.
export * from './schema/core';
export * from './schema/tickets';
export * from './schema/feedback';
export * from './schema/rotation';
export * from './schema/sessions';
export * from './schema/knowledge';
