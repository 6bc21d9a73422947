import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { MulterModule } from '@nestjs/platform-express';
import { ScheduleModule } from '@nestjs/schedule';
import { AccessLogController } from './access-log/access-log.controller.js';
import { AccessLogRepository } from './access-log/access-log.repository.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthService } from './auth/auth.service.js';
import { DemoAccountsService } from './auth/demo-accounts.service.js';
import { LoginFailuresRepository } from './auth/login-failures.repository.js';
import { SessionsRepository } from './auth/sessions.repository.js';
import { UsersRepository } from './auth/users.repository.js';
import { Clock, SystemClock } from './common/clock.js';
import { CryptoRandom, RandomSource } from './common/random.js';
import { PlansController } from './plans/plans.controller.js';
import { PlansRepository } from './plans/plans.repository.js';
import { PlansService } from './plans/plans.service.js';
import { SnapshotRostersService } from './roster/snapshot-rosters.service.js';
import { TeamsController } from './teams/teams.controller.js';
import { TeamsRepository } from './teams/teams.repository.js';
import { TeamsService } from './teams/teams.service.js';
import { DATABASE, type Database, EMBEDDED } from './common/database.js';
import { ErrorFilter } from './common/error.filter.js';
import { APP_CONFIG, type AppConfig } from './config/config.js';
import { DemoLoaderService } from './demo/demo-loader.service.js';
import { DemoPlanService } from './demo/demo-plan.service.js';
import { DemoLedgerHistoryService } from './demo/demo-ledger-history.service.js';
import { DemoRoundRepository } from './demo/demo-round.repository.js';
import { DemoRoundService } from './demo/demo-round.service.js';
import { ReportController, ReportDocxController } from './reports/report.controller.js';
import { ReportRepository } from './reports/report.repository.js';
import { ReportService } from './reports/report.service.js';
import { ChecklistTemplatesController } from './fieldwork/checklist-templates.controller.js';
import { ChecklistTemplatesRepository } from './fieldwork/checklist-templates.repository.js';
import { ChecklistTemplatesService } from './fieldwork/checklist-templates.service.js';
import { FieldRecordsRepository } from './fieldwork/field-records.repository.js';
import { FieldworkController } from './fieldwork/fieldwork.controller.js';
import { FieldworkService } from './fieldwork/fieldwork.service.js';
import { QuizRepository } from './fieldwork/quiz.repository.js';
import { QuizService } from './fieldwork/quiz.service.js';
import { HealthController } from './health/health.controller.js';
import { ImportJobsRepository } from './imports/import-jobs.repository.js';
import { ImportsController } from './imports/imports.controller.js';
import { ImportsService } from './imports/imports.service.js';
import { TemplatesService } from './imports/templates.service.js';
import { RegionsController } from './regions/regions.controller.js';
import { RegionsRepository } from './regions/regions.repository.js';
import { RegionsService } from './regions/regions.service.js';
import { RankingsController } from './rankings/rankings.controller.js';
import { RankingsRepository } from './rankings/rankings.repository.js';
import { RankingsService } from './rankings/rankings.service.js';
import { WeeklyRankingsJob } from './rankings/weekly-rankings.job.js';
import { JobRunner } from './scheduler/job-runner.service.js';
import { JobsController } from './scheduler/jobs.controller.js';
import { LedgerAlertsJob } from './ledger/ledger-alerts.job.js';
import { LedgerExportsService } from './ledger/ledger-exports.service.js';
import { LedgerController } from './ledger/ledger.controller.js';
import { LedgerRepository } from './ledger/ledger.repository.js';
import { LedgerService } from './ledger/ledger.service.js';
import { NotificationsController } from './ledger/notifications.controller.js';
import { RosterRepository } from './roster/roster.repository.js';
import { SnapshotsController } from './roster/snapshots.controller.js';
import { SnapshotsRepository } from './roster/snapshots.repository.js';
import { UsersController } from './users/users.controller.js';
import { UsersService } from './users/users.service.js';

export interface AppDependencies {
  config: AppConfig;
  database: Database;
  embedded: boolean;
  /** Tests pass a controllable clock and random source. */
  clock?: Clock;
  random?: RandomSource;
}

@Module({})
export class AppModule {
  static register({ config, database, embedded, clock, random }: AppDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MulterModule.register({ limits: { fileSize: config.maxUploadBytes, files: 1 } }),
        ScheduleModule.forRoot(),
      ],
      controllers: [HealthController, AuthController, UsersController, AccessLogController, RegionsController, SnapshotsController, ImportsController, PlansController, TeamsController, FieldworkController, JobsController, ChecklistTemplatesController, RankingsController, LedgerController, NotificationsController, ReportController, ReportDocxController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DATABASE, useValue: database },
        { provide: EMBEDDED, useValue: embedded },
        { provide: Clock, useValue: clock ?? new SystemClock() },
        { provide: RandomSource, useValue: random ?? new CryptoRandom() },
        { provide: APP_FILTER, useFactory: () => new ErrorFilter(config.maxUploadBytes) },
        { provide: APP_GUARD, useClass: AuthGuard },
        AuthService,
        UsersRepository,
        SessionsRepository,
        LoginFailuresRepository,
        AccessLogRepository,
        UsersService,
        DemoAccountsService,
        SnapshotRostersService,
        PlansRepository,
        PlansService,
        TeamsRepository,
        TeamsService,
        QuizRepository,
        QuizService,
        FieldRecordsRepository,
        ChecklistTemplatesRepository,
        ChecklistTemplatesService,
        FieldworkService,
        RegionsRepository,
        RegionsService,
        RosterRepository,
        SnapshotsRepository,
        ImportJobsRepository,
        ImportsService,
        TemplatesService,
        DemoLoaderService,
        DemoPlanService,
        DemoRoundRepository,
        DemoRoundService,
        DemoLedgerHistoryService,
        ReportRepository,
        ReportService,
        JobRunner,
        LedgerRepository,
        LedgerService,
        LedgerExportsService,
        LedgerAlertsJob,
        RankingsRepository,
        RankingsService,
        WeeklyRankingsJob,
      ],
    };
  }
}
