#!/usr/bin/env node
// `npm run bench`: every benchmark of the project, one table, each figure beside a baseline
// measured in the same run. Runs against the built code (npm run build).
import { os } from './os.mjs';
import { importBench } from './import.bench.mjs';
import { benchDatabase, printTable } from './support.mjs';

const rows = [];
const db = await benchDatabase();
try {
  rows.push(...(await importBench(db)));
} finally {
  await db.drop();
}
console.log(`\nLookback benchmarks — ${os()}\n`);
printTable(rows);
