import type { INestApplication } from '@nestjs/common';
import { inject } from 'vitest';
import { createApp } from '../../apps/api/src/bootstrap.js';
import { loadConfig } from '../../apps/api/src/config/config.js';
import { openDatabase } from '../../apps/api/src/database/data-source.js';
import type { Clock } from '../../apps/api/src/common/clock.js';
import type { Database } from '../../apps/api/src/common/database.js';
import { DemoAccountsService } from '../../apps/api/src/auth/demo-accounts.service.js';
import { DemoLoaderService } from '../../apps/api/src/demo/demo-loader.service.js';
import { DemoPlanService } from '../../apps/api/src/demo/demo-plan.service.js';

export interface TestApp {
  app: INestApplication;
  db: Database;
  baseUrl: string;
  close(): Promise<void>;
}

/** The real API on a random port against this run's database. */
/** The scheduler is off unless a test turns it on (LOOKBACK_SCHEDULER: 'on'). */
export async function startTestApp(env: Record<string, string> = {}, clock?: Clock): Promise<TestApp> {
  const databaseUrl = inject('databaseUrl');
  const db = await openDatabase(databaseUrl);
  const config = loadConfig({ DATABASE_URL: databaseUrl, LOOKBACK_WEB_DIST: '', LOG_LEVEL: 'warn', LOOKBACK_SCHEDULER: 'off', ...env });
  const app = await createApp({ config, database: db, embedded: false, clock }, { logger: Boolean(process.env.TEST_LOGS) });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return {
    app,
    db,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await db.destroy();
    },
  };
}

/** Empties the master data (snapshots are immutable to the app; TRUNCATE is for tests only). */
export async function resetMasterData(db: Database): Promise<void> {
  await db.query(`TRUNCATE import_job, roster_snapshot, cadre, asset, project, household, village, town, county CASCADE`);
}

/**
 * Where most field and ledger tests start: no plans, the tiny demo county, its accounts and its
 * sealed demo plan (two teams visiting today and tomorrow). Answers whether the county was loaded.
 */
export async function loadDemoDay(t: TestApp): Promise<boolean> {
  await resetMasterData(t.db);
  await t.db.query(`TRUNCATE plan CASCADE`);
  const loaded = await t.app.get(DemoLoaderService).loadIfEmpty('tiny');
  await t.app.get(DemoAccountsService).ensure();
  await t.app.get(DemoPlanService).ensure();
  return loaded;
}
