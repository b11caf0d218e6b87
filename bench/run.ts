import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchRow, BenchSection } from './rows';

/**
 * `npm run bench`: every area's section, one table. Each section starts what
 * it needs (the real server against the fake Slack, a generated dataset).
 */
const sections = ['process', 'slack-ack', 'tickets', 'feedback', 'dashboard', 'rotation', 'knowledge', 'postgres'];
/** `npm run bench -- tickets postgres` runs only the sections named. */
const chosen = process.argv.length > 2 ? sections.filter((s) => process.argv.slice(2).includes(s)) : sections;
const resultMark = '@@bench-result ';
const benchFile = fileURLToPath(import.meta.url);
const runTs = fileURLToPath(new URL('../bin/run-ts.js', import.meta.url));

/** Run by the parent for one section: its rows and this process's peak RSS, as one JSON line on stdout. */
const only = process.argv.indexOf('--section');
if (only > 0) {
  const name = process.argv[only + 1]!;
  let rows: BenchRow[];
  try {
    const { section } = (await import(new URL(`./${name}.ts`, import.meta.url).href)) as { section: BenchSection };
    rows = await section();
  } catch (err) {
    rows = [{ name: `${name}: failed`, value: err instanceof Error ? err.message : String(err), ok: false }];
  }
  const peakRss = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(`\n${resultMark}${JSON.stringify({ rows, peakRss })}\n`);
  process.exit(0);
}

/**
 * Each section runs in a process of its own: what one generated (a million
 * rows, a worker's heap) is neither collected in the middle of the next one's
 * latencies nor held beside the server it measures, as no real server holds it.
 */
function runSection(name: string): Promise<{ rows: BenchRow[]; peakRss: number }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', ...process.execArgv.filter((a) => a !== '--expose-gc'), runTs, benchFile, '--section', name],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d;
    });
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(resultMark));
      if (line) resolve(JSON.parse(line.slice(resultMark.length)) as { rows: BenchRow[]; peakRss: number });
      else
        resolve({
          rows: [{ name: `${name}: failed`, value: `its process exited with ${code}`, ok: false }],
          peakRss: 0,
        });
    });
  });
}

const rows: BenchRow[] = [];
let peakRss = 0;
for (const name of chosen) {
  if (!fs.existsSync(new URL(`./${name}.ts`, import.meta.url))) continue;
  process.stderr.write(`bench: ${name}…\n`);
  const result = await runSection(name);
  rows.push(...result.rows);
  peakRss = Math.max(peakRss, result.peakRss);
}
rows.push({ name: "Peak memory (RSS) of a section's process", value: `${(peakRss / 1024 / 1024).toFixed(0)} MiB` });

const width = Math.max(...rows.map((r) => r.name.length));
const vwidth = Math.max(...rows.map((r) => r.value.length));
console.log(`\n${'measure'.padEnd(width)}  ${'value'.padEnd(vwidth)}  target`);
console.log(`${'-'.repeat(width)}  ${'-'.repeat(vwidth)}  ------`);
for (const r of rows) {
  const mark = r.ok === undefined ? '' : r.ok ? ' ✓' : ' ✗';
  console.log(`${r.name.padEnd(width)}  ${r.value.padEnd(vwidth)}  ${r.target ?? ''}${mark}`);
}

// The PostgreSQL rows beside the SQLite rows they repeat: the same measure, named without the engine and its sample.
const measure = (name: string) => name.replace(/^PostgreSQL: /, '').replace(/\s*\(.*\)$/, '');
const sqliteRow = new Map(rows.filter((r) => !r.name.startsWith('PostgreSQL: ')).map((r) => [measure(r.name), r]));
const pairs = rows
  .filter((r) => r.name.startsWith('PostgreSQL: ') && r.target)
  .map((pg) => ({ name: measure(pg.name), sqlite: sqliteRow.get(measure(pg.name)), pg }));
if (pairs.length > 0) {
  const w = Math.max(...pairs.map((p) => p.name.length));
  const v = Math.max(6, ...pairs.map((p) => p.sqlite?.value.length ?? 1));
  console.log(`\n${'both engines'.padEnd(w)}  ${'SQLite'.padEnd(v)}  PostgreSQL`);
  for (const p of pairs) {
    const mark = p.pg.ok === undefined ? '' : p.pg.ok ? ' ✓' : ' ✗';
    console.log(`${p.name.padEnd(w)}  ${(p.sqlite?.value ?? '-').padEnd(v)}  ${p.pg.value}  ${p.pg.target}${mark}`);
  }
}
process.exit(0);
