/**
 * Lookback API entry point: configuration → database (embedded PostgreSQL when DATABASE_URL is
 * unset) → migrations → demo county on first start → HTTP on PORT (default 3000).
 */
import { createApp } from './bootstrap.js';
import { ConfigError, loadConfig } from './config/config.js';
import { openDatabase } from './database/data-source.js';
import { startEmbeddedPostgres } from './database/embedded.js';
import { DemoAccountsService } from './auth/demo-accounts.service.js';
import { DemoLoaderService } from './demo/demo-loader.service.js';
import { DemoPlanService } from './demo/demo-plan.service.js';
import { DemoRoundService } from './demo/demo-round.service.js';
import { ImportsService } from './imports/imports.service.js';

const say = (line: string) => process.stdout.write(`[lookback] ${line}\n`);

async function main(): Promise<void> {
  const config = loadConfig();
  const embedded = config.databaseUrl === null ? await startEmbeddedPostgres(config.dataDir, config.embeddedPort, say) : null;
  if (embedded) say(`embedded PostgreSQL on 127.0.0.1:${config.embeddedPort}, data in ${config.dataDir}`);
  const database = await openDatabase(config.databaseUrl ?? embedded!.url);
  const app = await createApp({ config, database, embedded: embedded !== null });
  app.enableShutdownHooks();

  const interrupted = await app.get(ImportsService).failInterrupted();
  if (interrupted) say(`${interrupted} import(s) interrupted by the last shutdown were marked failed (nothing was changed)`);
  if (config.demo) {
    const loaded = await app.get(DemoLoaderService).loadIfEmpty(config.demoSize);
    if (loaded) say(`demo county loaded (${config.demoSize})`);
    await app.get(DemoAccountsService).ensure();
    await app.get(DemoPlanService).ensure();
    // After the sealed plan (which is created only while no plan exists): the completed first round.
    await app.get(DemoRoundService).ensure();
    say('demo accounts: admin, planner, inspector1, inspector2, leader, rectifier — password lookback-demo');
  }
  await app.listen(config.port, config.host);
  say(`ready: http://localhost:${config.port}  (API docs: http://localhost:${config.port}/api/docs)`);
  if (config.demo) {
    // The weeks after the demo's completed round (ledger work, weekly rankings) take a while: they
    // are written while the server already answers.
    const started = Date.now();
    app
      .get(DemoRoundService)
      .ensureHistory()
      .then(
        (ran) => ran && say(`demo ledger and weekly rankings written (${((Date.now() - started) / 1000).toFixed(1)} s)`),
        (error: unknown) => say(`demo ledger and rankings failed: ${error instanceof Error ? error.message : String(error)}`),
      );
  }

  const stop = async () => {
    await app.close();
    await database.destroy();
    await embedded?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`[lookback] failed to start: ${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
