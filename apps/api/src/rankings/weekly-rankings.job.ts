import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobRunner } from '../scheduler/job-runner.service.js';
import { type ScheduledJob, weeklyOnMondayAt } from '../scheduler/scheduled-job.js';
import { RankingsService } from './rankings.service.js';

/** 一周一排队: every Monday at 06:00 (China time) a ranking snapshot of the ISO week. */
@Injectable()
export class WeeklyRankingsJob implements ScheduledJob, OnModuleInit {
  readonly name = 'weekly-rankings';
  readonly description = '每周一 06:00 生成村、乡镇排队快照';
  readonly duePeriod = weeklyOnMondayAt('06:00');

  constructor(
    private readonly runner: JobRunner,
    private readonly rankings: RankingsService,
  ) {}

  onModuleInit(): void {
    this.runner.register(this);
  }

  async run(period: string, now: Date): Promise<Record<string, unknown>> {
    const row = await this.rankings.takeSnapshot(period, now, 'scheduled', null);
    await this.rankings.warmLatest();
    return { snapshotId: row.id, villages: row.result.villages.length, towns: row.result.towns.length, excluded: row.excluded.length, schemeVersion: row.schemeVersion };
  }
}
