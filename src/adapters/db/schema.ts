// Every table, for drizzle's typed queries. Each area keeps its tables in
// its own file under schema/ (drizzle-kit reads that folder).
export * from './schema/core';
export * from './schema/tickets';
export * from './schema/feedback';
export * from './schema/rotation';
export * from './schema/sessions';
export * from './schema/knowledge';
