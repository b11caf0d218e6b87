#!/usr/bin/env -S node --enable-source-maps --max-semi-space-size=4
// Runs the compiled CLI (`npm run build`, done by `npm ci` through `prepare`): dutyloop and its pure-JS
// libraries in one bundle, so a start reads a few files instead of resolving hundreds. A young generation of
// at most 4 MB per semi-space keeps an idle server under 100 MB resident; intake throughput measured the same
// as with Node's default (16 MB). Stack traces point into src/ through the bundle's source maps.
// `npm start` passes the same flags.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('dutyloop is not built: run `npm run build` (or `npm ci`, which builds it).');
  process.exit(1);
}
const { main } = await import(cli);
await main(process.argv.slice(2));
