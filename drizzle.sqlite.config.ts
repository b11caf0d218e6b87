import { defineConfig } from 'drizzle-kit';

/** The embedded default: `npm run db:generate` writes SQLite migrations from src/adapters/db/schema. */
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/adapters/db/schema/*.ts',
  out: './migrations/sqlite',
  strict: true,
  verbose: true,
});
