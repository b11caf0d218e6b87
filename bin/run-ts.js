#!/usr/bin/env node
// Runs one TypeScript file (the benchmark, scripts) through tsx.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

register();
const file = process.argv[2];
if (!file) {
  console.error('usage: run-ts <file.ts> [args]');
  process.exit(2);
}
// The script sees itself as the program, as `node file.ts args` would show it.
process.argv.splice(1, 1);
await import(pathToFileURL(path.resolve(file)).href);
