import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per run of a scheduled job and period (a day, an ISO week). The primary key is what
 * makes a job run once per period however many API instances tick; a row without finished_at is
 * a run that failed or was cut off, retried on the next tick.
 */
export class ScheduledJobs1763900600000 implements MigrationInterface {
  name = 'ScheduledJobs1763900600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE job_run (
        job text NOT NULL,
        period text NOT NULL,
        attempts integer NOT NULL DEFAULT 1,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        instance text NOT NULL,
        summary jsonb,
        error text,
        CONSTRAINT job_run_pkey PRIMARY KEY (job, period)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE job_run`);
  }
}
