import { defineConfig } from 'drizzle-kit';

/** PostgreSQL, for replicas: `npm run db:generate` writes its migrations from src/adapters/db/pg/schema. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/adapters/db/pg/schema/*.ts',
  out: './migrations/postgres',
  strict: true,
  verbose: true,
});
