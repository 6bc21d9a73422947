import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Clock } from '../common/clock.js';
import { DATABASE, type Database } from '../common/database.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { ScheduledJob } from './scheduled-job.js';

export type RunOutcome = 'ran' | 'already-done' | 'busy' | 'failed';

export interface JobRunRow {
  job: string;
  period: string;
  attempts: number;
  startedAt: string;
  finishedAt: string | null;
  instance: string;
  summary: Record<string, unknown> | null;
  error: string | null;
}

const TICK = 'lookback-jobs';

/**
 * Runs scheduled jobs once per period across every API instance:
 * - a PostgreSQL advisory lock (per job) keeps two instances from running a job at once;
 * - the job_run row (primary key job + period) records that the period is done, so an instance
 *   that takes the lock afterwards does nothing;
 * - each tick (every LOOKBACK_SCHEDULER_TICK_SECONDS, and once at start-up) runs whatever is due
 *   and not done, which is how a run missed while the service was down is caught up.
 */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  private readonly jobs = new Map<string, ScheduledJob>();
  private readonly instance = `${hostname()}:${process.pid}`;
  private ticking: Promise<void> | null = null;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly registry: SchedulerRegistry,
  ) {}

  /** Jobs register themselves in their service's onModuleInit. */
  register(job: ScheduledJob): void {
    if (this.jobs.has(job.name)) throw new Error(`scheduled job ${job.name} registered twice`);
    this.jobs.set(job.name, job);
  }

  list(): ScheduledJob[] {
    return [...this.jobs.values()];
  }

  onApplicationBootstrap(): void {
    if (!this.config.scheduler.enabled) return;
    const timer = setInterval(() => void this.tick(), this.config.scheduler.tickSeconds * 1000);
    timer.unref();
    this.registry.addInterval(TICK, timer);
    void this.tick(); // catch up at start-up
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.registry.doesExist('interval', TICK)) this.registry.deleteInterval(TICK);
    await this.ticking;
  }

  /** Runs every due job that is not done yet; never overlaps itself within this instance. */
  tick(): Promise<void> {
    if (this.ticking) return this.ticking;
    const ticking = this.runAllDue().finally(() => {
      if (this.ticking === ticking) this.ticking = null;
    });
    this.ticking = ticking;
    return ticking;
  }

  private async runAllDue(): Promise<void> {
    for (const job of this.jobs.values()) {
      // The database may be away (a restart): log it, the next tick tries again.
      await this.runDue(job.name).catch((error: unknown) => this.logger.warn(`${job.name}: ${error instanceof Error ? error.message : String(error)}`));
    }
  }

  /** Runs the job's due period unless it is done or running elsewhere. */
  async runDue(name: string): Promise<RunOutcome> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`no scheduled job ${name}`);
    return this.runPeriod(job, job.duePeriod(this.clock.now()));
  }

  /**
   * Runs `period` of the job. With `force`, a period already done runs again (an on-demand
   * re-run by an admin); the lock still keeps it from running twice at once.
   */
  async runPeriod(job: ScheduledJob, period: string, force = false): Promise<RunOutcome> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_lock(hashtext('lookback-job'), hashtext($1)) AS locked`, [job.name])) as { locked: boolean }[];
      if (!locked) return 'busy';
      try {
        const done = (await runner.query(`SELECT 1 FROM job_run WHERE job = $1 AND period = $2 AND finished_at IS NOT NULL`, [job.name, period])) as unknown[];
        if (done.length && !force) return 'already-done';
        const now = this.clock.now();
        await runner.query(
          `INSERT INTO job_run (job, period, started_at, instance) VALUES ($1, $2, $3, $4)
           ON CONFLICT (job, period) DO UPDATE SET attempts = job_run.attempts + 1, started_at = $3, instance = $4, finished_at = NULL, error = NULL`,
          [job.name, period, now, this.instance],
        );
        try {
          const summary = await job.run(period, now);
          await runner.query(`UPDATE job_run SET finished_at = $3, summary = $4 WHERE job = $1 AND period = $2`, [job.name, period, this.clock.now(), JSON.stringify(summary)]);
          this.logger.log(`${job.name} ${period}: ${JSON.stringify(summary)}`);
          return 'ran';
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          await runner.query(`UPDATE job_run SET error = $3 WHERE job = $1 AND period = $2`, [job.name, period, message]);
          this.logger.error(`${job.name} ${period} failed: ${message}`);
          return 'failed';
        }
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext('lookback-job'), hashtext($1))`, [job.name]);
      }
    } finally {
      await runner.release();
    }
  }

  async runs(limit = 100): Promise<JobRunRow[]> {
    return (await this.db.query(
      `SELECT job, period, attempts, started_at AS "startedAt", finished_at AS "finishedAt", instance, summary, error
       FROM job_run ORDER BY started_at DESC LIMIT $1`,
      [limit],
    )) as JobRunRow[];
  }
}
