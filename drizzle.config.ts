import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/adapters/db/schema/*.ts',
  out: './migrations',
  strict: true,
  verbose: true,
});
