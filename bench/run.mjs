#!/usr/bin/env node
// `npm run bench`: every benchmark of the project, one table, each figure beside a baseline
// measured in the same run. Runs against the built code (npm run build).
//
//   node bench/run.mjs               all benchmarks
//   node bench/run.mjs draw routes   only those, in the order of BENCHMARKS
//
// Each benchmark is loaded only when selected, so `routes` needs neither the API build nor a
// database. A benchmark that throws becomes a failed row and the others still run; the exit code
// is then 1. A goal not met is a result, not a failure: it prints NO and the exit code stays 0.
import { os } from './os.mjs';
import { benchDatabase, printTable } from './support.mjs';

const BENCHMARKS = [
  { name: 'import', database: true, load: async () => (await import('./import.bench.mjs')).importBench },
  { name: 'draw', database: true, load: async () => (await import('./draw.bench.mjs')).drawBench },
  { name: 'routes', database: false, load: async () => (await import('./routes.bench.mjs')).routesBench },
  { name: 'scoring', database: true, load: async () => (await import('./scoring.bench.mjs')).scoringBench },
];

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !BENCHMARKS.some((b) => b.name === name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(', ')}. Known: ${BENCHMARKS.map((b) => b.name).join(', ')}.`);
  process.exit(2);
}
const selected = asked.length === 0 ? BENCHMARKS : BENCHMARKS.filter((b) => asked.includes(b.name));

const rows = [];
let failed = false;
const db = selected.some((b) => b.database) ? await benchDatabase() : null;
try {
  for (const bench of selected) {
    const started = performance.now();
    try {
      const run = await bench.load();
      rows.push(...(await run(db)));
    } catch (error) {
      failed = true;
      console.error(`bench ${bench.name} failed:`, error);
      rows.push({ figure: `${bench.name}: FAILED`, value: String(error?.message ?? error).slice(0, 80), baseline: '', ratio: '', goal: '', met: false });
    }
    if (process.env.BENCH_LOG) console.error(`bench ${bench.name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
} finally {
  await db?.drop();
}
console.log(`\nLookback benchmarks — ${os()}\n`);
printTable(rows);
if (failed) process.exitCode = 1;
