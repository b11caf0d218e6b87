import fs from 'node:fs';
import type { BenchRow, BenchSection } from './rows';

/**
 * `npm run bench`: every area's section, one table. Each section starts what
 * it needs (the real server against the fake Slack, a generated dataset).
 */
const sections = ['process', 'slack-ack', 'tickets', 'feedback', 'dashboard', 'rotation', 'knowledge', 'postgres'];
/** `npm run bench -- tickets postgres` runs only the sections named. */
const chosen = process.argv.length > 2 ? sections.filter((s) => process.argv.slice(2).includes(s)) : sections;

const rows: BenchRow[] = [];
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

for (const name of chosen) {
  const file = new URL(`./${name}.ts`, import.meta.url);
  if (!fs.existsSync(file)) continue;
  process.stderr.write(`bench: ${name}…\n`);
  // Each section starts on a collected heap: what an earlier one generated (a million rows) is not
  // collected in the middle of the next one's latencies.
  (globalThis as { gc?: () => void }).gc?.();
  try {
    const { section } = (await import(file.href)) as { section: BenchSection };
    rows.push(...(await section()));
  } catch (err) {
    rows.push({ name: `${name}: failed`, value: err instanceof Error ? err.message : String(err), ok: false });
  }
}
clearInterval(sampler);
peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
rows.push({ name: 'Peak memory (RSS) of the bench process', value: `${(peakRss / 1024 / 1024).toFixed(0)} MiB` });

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
