/**
 * The API as a real child process (node apps/api/dist/main.js), so that tests can kill -9 it,
 * restart it on the same port, or run two of them on one database.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import pg from 'pg';

const ROOT = resolve(import.meta.dirname, '../..');
let built = false;

/** Compiles the API (and the libraries it references) once per test file. */
export function buildApi(): void {
  if (built) return;
  const result = spawnSync('npx', ['tsc', '-b', 'apps/api'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false' } });
  if (result.status !== 0) throw new Error(`tsc -b apps/api failed:\n${result.stdout}\n${result.stderr}`);
  built = true;
}

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

export interface ApiProcess {
  readonly port: number;
  readonly baseUrl: string;
  readonly child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  /** SIGKILL: no shutdown hooks, open transactions are cut. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
}

/** Starts `node apps/api/dist/main.js` and waits until /api/health answers 200. */
export async function startApiProcess(databaseUrl: string, env: Record<string, string> = {}, port?: number): Promise<ApiProcess> {
  const listenPort = port ?? (await freePort());
  const child = spawn(process.execPath, ['apps/api/dist/main.js'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      DATABASE_URL: databaseUrl,
      PORT: String(listenPort),
      HOST: '127.0.0.1',
      LOOKBACK_WEB_DIST: '',
      LOOKBACK_DEMO: 'false',
      LOOKBACK_SCHEDULER: 'off',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const baseUrl = `http://127.0.0.1:${listenPort}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode} before it was ready:\n${log.slice(-3000)}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API did not answer /api/health within 120 s:\n${log.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port: listenPort,
    baseUrl,
    child,
    output: () => log,
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** A fresh, empty database next to `serverUrl`'s (dropped by the returned function). */
export async function scratchDatabase(serverUrl: string, suffix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const url = new URL(serverUrl);
  const name = `${url.pathname.slice(1) || 'lookback'}_${suffix}`.replace(/[^a-z0-9_]/gi, '_').slice(0, 60);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Calls the API as a JSON client; network errors come back as status 0. */
export async function api<T = unknown>(baseUrl: string, token: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  try {
    const response = await fetch(baseUrl + path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T };
  } catch {
    return { status: 0, body: null as T };
  }
}

/**
 * Loads the tiny demo county, the demo accounts (password lookback-demo) and the sealed demo plan
 * (two teams visiting today and tomorrow) into `databaseUrl`, in-process, before any API process
 * starts on it: two processes starting in demo mode at once would both load it.
 */
export async function seedDemo(databaseUrl: string): Promise<void> {
  const [{ createApp }, { loadConfig }, { openDatabase }, { DemoLoaderService }, { DemoAccountsService }, { DemoPlanService }] = await Promise.all([
    import('../../apps/api/src/bootstrap.js'),
    import('../../apps/api/src/config/config.js'),
    import('../../apps/api/src/database/data-source.js'),
    import('../../apps/api/src/demo/demo-loader.service.js'),
    import('../../apps/api/src/auth/demo-accounts.service.js'),
    import('../../apps/api/src/demo/demo-plan.service.js'),
  ]);
  const database = await openDatabase(databaseUrl);
  const config = loadConfig({ DATABASE_URL: databaseUrl, LOOKBACK_WEB_DIST: '', LOG_LEVEL: 'warn', LOOKBACK_SCHEDULER: 'off' });
  const app = await createApp({ config, database, embedded: false }, { logger: false });
  await app.init();
  try {
    await app.get(DemoLoaderService).loadIfEmpty('tiny');
    await app.get(DemoAccountsService).ensure();
    await app.get(DemoPlanService).ensure();
  } finally {
    await app.close();
    await database.destroy();
  }
}
