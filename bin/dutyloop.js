#!/usr/bin/env node
// Runs the compiled CLI (`npm run build`, done by `npm ci` through `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('dutyloop is not built: run `npm run build` (or `npm ci`, which builds it).');
  process.exit(1);
}
const { main } = await import(cli);
await main(process.argv.slice(2));
