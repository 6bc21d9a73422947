import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Clock } from '../../apps/api/src/common/clock.js';
import { JobRunner } from '../../apps/api/src/scheduler/job-runner.service.js';
import { dailyAt, type ScheduledJob, weeklyOnMondayAt } from '../../apps/api/src/scheduler/scheduled-job.js';
import { startTestApp, type TestApp } from '../support/app.js';

class TestClock extends Clock {
  constructor(public at: Date) {
    super();
  }
  now(): Date {
    return this.at;
  }
}

/** A job that counts its runs and can be told to fail or to take its time. */
function countingJob(name: string, duePeriod: (now: Date) => string) {
  const runs: string[] = [];
  const job: ScheduledJob & { runs: string[]; fail: boolean; delayMs: number } = {
    name,
    description: 'test',
    duePeriod,
    runs,
    fail: false,
    delayMs: 0,
    async run(period) {
      await new Promise((resolve) => setTimeout(resolve, job.delayMs));
      if (job.fail) throw new Error('the job failed on purpose');
      runs.push(period);
      return { period };
    },
  };
  return job;
}

describe('scheduled jobs run once per period, across instances and restarts', () => {
  const clock = new TestClock(new Date('2026-11-23T00:30:00+08:00')); // a Monday, 00:30 in China
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await startTestApp({}, clock);
    second = await startTestApp({}, clock);
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it('derives daily and weekly periods in China time', () => {
    const daily = dailyAt('06:00');
    expect(daily(new Date('2026-11-23T05:59:00+08:00'))).toBe('2026-11-22');
    expect(daily(new Date('2026-11-23T06:00:00+08:00'))).toBe('2026-11-23');
    const weekly = weeklyOnMondayAt('07:00');
    expect(weekly(new Date('2026-11-23T06:59:00+08:00'))).toBe('2026-W47');
    expect(weekly(new Date('2026-11-23T07:00:00+08:00'))).toBe('2026-W48');
    expect(weekly(new Date('2026-11-29T23:59:00+08:00'))).toBe('2026-W48');
  });

  it('two instances ticking together run a due period once', async () => {
    const job = countingJob('test-concurrent', weeklyOnMondayAt('07:00'));
    job.delayMs = 200;
    first.app.get(JobRunner).register(job);
    second.app.get(JobRunner).register(job);
    const outcomes = await Promise.all([first.app.get(JobRunner).runDue(job.name), second.app.get(JobRunner).runDue(job.name), first.app.get(JobRunner).runDue(job.name)]);
    expect(job.runs).toEqual(['2026-W47']);
    expect(outcomes.filter((o) => o === 'ran')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'ran').length + outcomes.filter((o) => o === 'busy' || o === 'already-done').length).toBe(3);
    expect(await second.app.get(JobRunner).runDue(job.name)).toBe('already-done');
  });

  it('a period missed while no instance ran is caught up once, and the next period runs when due', async () => {
    const job = countingJob('test-catch-up', dailyAt('06:00'));
    const runner = first.app.get(JobRunner);
    runner.register(job);
    clock.at = new Date('2026-11-25T15:00:00+08:00'); // two days later, in the afternoon
    await runner.runDue(job.name);
    await runner.runDue(job.name);
    expect(job.runs).toEqual(['2026-11-25']);
    clock.at = new Date('2026-11-26T05:00:00+08:00');
    expect(await runner.runDue(job.name)).toBe('already-done');
    clock.at = new Date('2026-11-26T06:00:00+08:00');
    expect(await runner.runDue(job.name)).toBe('ran');
    expect(job.runs).toEqual(['2026-11-25', '2026-11-26']);
  });

  it('a failed run is recorded with its error and retried at the next tick', async () => {
    const job = countingJob('test-retry', dailyAt('06:00'));
    const runner = first.app.get(JobRunner);
    runner.register(job);
    job.fail = true;
    expect(await runner.runDue(job.name)).toBe('failed');
    const [failed] = (await first.db.query(`SELECT attempts, finished_at, error FROM job_run WHERE job = $1`, [job.name])) as { attempts: number; finished_at: Date | null; error: string }[];
    expect(failed).toMatchObject({ attempts: 1, finished_at: null, error: 'the job failed on purpose' });
    job.fail = false;
    expect(await runner.runDue(job.name)).toBe('ran');
    const [retried] = (await first.db.query(`SELECT attempts, finished_at, error FROM job_run WHERE job = $1`, [job.name])) as { attempts: number; finished_at: Date | null; error: string | null }[];
    expect(retried.attempts).toBe(2);
    expect(retried.finished_at).not.toBeNull();
    expect(retried.error).toBeNull();
  });

  it('ticks on its own when the scheduler is on, catching up at start-up', async () => {
    clock.at = new Date('2026-11-30T08:00:00+08:00');
    const third = await startTestApp({ LOOKBACK_SCHEDULER: 'on', LOOKBACK_SCHEDULER_TICK_SECONDS: '1' }, clock);
    try {
      const job = countingJob('test-ticking', weeklyOnMondayAt('07:00'));
      third.app.get(JobRunner).register(job);
      await expect.poll(() => job.runs, { timeout: 5000, interval: 100 }).toEqual(['2026-W49']);
      clock.at = new Date('2026-12-07T07:00:00+08:00');
      await expect.poll(() => job.runs, { timeout: 5000, interval: 100 }).toEqual(['2026-W49', '2026-W50']);
    } finally {
      await third.close();
    }
  });
});
