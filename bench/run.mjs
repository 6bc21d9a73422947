#!/usr/bin/env node
// `npm run bench`: every benchmark of the project, one table, each figure beside a baseline
// measured in the same run. Runs against the built code (npm run build).
//
//   node bench/run.mjs               all benchmarks
//   node bench/run.mjs draw routes   only those, in the order of BENCHMARKS
//
// Each benchmark runs in its own Node process, one after the other, each on a fresh database: a
// fresh heap and JIT for every figure (no garbage left by the previous one), and a benchmark that hangs is killed after BENCH_TIMEOUT_S seconds (default 300) instead of stopping
// the run. A benchmark that fails or times out becomes a failed row and the exit code is 1; a goal
// not met is a result, not a failure: it prints NO and the exit code stays 0. `routes` needs
// neither the API build nor a database.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { load, os } from './os.mjs';
import { benchDatabase, printTable } from './support.mjs';

const BENCHMARKS = [
  { name: 'import', database: true, load: async () => (await import('./import.bench.mjs')).importBench },
  { name: 'draw', database: true, load: async () => (await import('./draw.bench.mjs')).drawBench },
  { name: 'plan', database: true, load: async () => (await import('./plan.bench.mjs')).planBench },
  { name: 'routes', database: false, load: async () => (await import('./routes.bench.mjs')).routesBench },
  { name: 'scoring', database: true, load: async () => (await import('./scoring.bench.mjs')).scoringBench },
];
const CHILD = '--child';
/** V8 flags the API process runs with: a 64 MB young generation keeps a county draw's short-lived objects out of the old one. */
const API_NODE_FLAGS = ['--max-semi-space-size=64'];

if (process.argv[2] === CHILD) {
  // In the child: run one benchmark and hand its rows to the parent.
  const [, , , name, url] = process.argv;
  const bench = BENCHMARKS.find((b) => b.name === name);
  const run = await bench.load();
  const rows = await run(url ? { url } : null);
  process.send({ rows }, () => process.exit(0));
} else {
  await main();
}

function runChild(bench, url, timeoutMs) {
  return new Promise((resolve) => {
    // The API runs with the same V8 flag (package.json start, Dockerfile): figures are of the product as it runs.
    const child = fork(fileURLToPath(import.meta.url), [CHILD, bench.name, ...(url ? [url] : [])], { stdio: 'inherit', execArgv: [...process.execArgv, ...API_NODE_FLAGS] });
    let rows = null;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('message', (message) => {
      rows = message.rows;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (rows) resolve({ rows });
      else resolve({ error: timedOut ? `timed out after ${timeoutMs / 1000} s` : `exited with ${signal ?? `code ${code}`}` });
    });
  });
}

async function main() {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !BENCHMARKS.some((b) => b.name === name));
  if (unknown.length > 0) {
    console.error(`Unknown benchmark ${unknown.join(', ')}. Known: ${BENCHMARKS.map((b) => b.name).join(', ')}.`);
    process.exit(2);
  }
  const selected = asked.length === 0 ? BENCHMARKS : BENCHMARKS.filter((b) => asked.includes(b.name));
  const timeoutMs = Number(process.env.BENCH_TIMEOUT_S ?? 300) * 1000;

  const rows = [];
  let failed = false;
  const loadAtStart = load();
  for (const bench of selected) {
    const started = performance.now();
    // Each benchmark gets a fresh database: no figure depends on what another left behind.
    const db = bench.database ? await benchDatabase() : null;
    try {
      const result = await runChild(bench, db?.url ?? null, timeoutMs);
      if (result.rows) rows.push(...result.rows);
      else {
        failed = true;
        console.error(`bench ${bench.name}: ${result.error}`);
        rows.push({ figure: `${bench.name}: FAILED`, value: result.error, baseline: '', ratio: '', goal: '', met: false });
      }
    } finally {
      // FORCE also ends the connections of a child that was killed.
      await db?.drop();
    }
    console.error(`bench ${bench.name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  console.log(`\nLookback benchmarks — ${os()}, load average (1 min) ${loadAtStart} at start, ${load()} at end\n`);
  printTable(rows);
  if (failed) process.exitCode = 1;
}
