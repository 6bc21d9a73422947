/**
 * One fresh PostgreSQL database per test run, migrated once: TEST_DATABASE_URL or DATABASE_URL
 * when set (a server), otherwise a throwaway embedded PostgreSQL. Dropped at the end.
 */
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../apps/api/src/database/data-source.js';
import { startThrowawayPostgres } from './embedded-for-tests.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  const embedded = server ? null : await startThrowawayPostgres();
  const adminUrl = server ?? embedded!.url;
  const name = `lookback_test_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase(url.toString());
  await database.destroy();
  project.provide('databaseUrl', url.toString());
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    await embedded?.stop();
  };
}
