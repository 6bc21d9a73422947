import { DataSource, type DataSourceOptions } from 'typeorm';
import { MasterData1763900000000 } from './migrations/1763900000000-master-data.js';
import { AccountsAndAccessLog1763900100000 } from './migrations/1763900100000-accounts-and-access-log.js';
import { Plans1763900200000 } from './migrations/1763900200000-plans.js';
import { TeamsAndVisits1763900300000 } from './migrations/1763900300000-teams-and-visits.js';
import { QuizResults1763900400000 } from './migrations/1763900400000-quiz-results.js';
import { FieldRecords1763900500000 } from './migrations/1763900500000-field-records.js';
import { ScheduledJobs1763900600000 } from './migrations/1763900600000-scheduled-jobs.js';
import { Ledger1763900800000 } from './migrations/1763900800000-ledger.js';
import { Rankings1763900900000 } from './migrations/1763900900000-rankings.js';
import { PlanReport1763901000000 } from './migrations/1763901000000-plan-report.js';
import { VillageHouseholdCounts1763901100000 } from './migrations/1763901100000-village-household-counts.js';
import { ChecklistTemplates1763901200000 } from './migrations/1763901200000-checklist-templates.js';
import { TeamLeader1763901300000 } from './migrations/1763901300000-team-leader.js';
import { LedgerEvidenceRemoved1763901400000 } from './migrations/1763901400000-ledger-evidence-removed.js';

/** Every migration, in order. Schema changes happen only here (no synchronize). */
export const MIGRATIONS = [MasterData1763900000000, AccountsAndAccessLog1763900100000, Plans1763900200000, TeamsAndVisits1763900300000, QuizResults1763900400000, FieldRecords1763900500000, ScheduledJobs1763900600000, Ledger1763900800000, Rankings1763900900000, PlanReport1763901000000, VillageHouseholdCounts1763901100000, ChecklistTemplates1763901200000, TeamLeader1763901300000, LedgerEvidenceRemoved1763901400000];

export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: false,
    extra: { max: 10, application_name: 'lookback' },
  };
}

/** Connects and applies pending migrations (each in its own transaction). */
export async function openDatabase(url: string): Promise<DataSource> {
  const dataSource = new DataSource({ ...dataSourceOptions(url), migrationsTransactionMode: 'each' });
  await dataSource.initialize();
  await dataSource.runMigrations();
  return dataSource;
}
