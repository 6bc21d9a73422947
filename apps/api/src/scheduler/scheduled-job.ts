import { chinaDate, chinaInstant, isoWeek, mondayOf } from '@lookback/contracts';

/**
 * A job the scheduler runs once per period. The period a job is due for is derived from the
 * clock, so a run missed while every instance was down is caught up, once, at the next tick.
 */
export interface ScheduledJob {
  readonly name: string;
  /** A one-line description for the admin's job list. */
  readonly description: string;
  /** The latest period that is due at `now` (e.g. '2026-11-23' or '2026-W48'). */
  duePeriod(now: Date): string;
  /** Does the work of `period`; answers a summary kept with the run. */
  run(period: string, now: Date): Promise<Record<string, unknown>>;
}

/** Due every day from `time` (China time); before that, yesterday's run is the due one. */
export function dailyAt(time: string): (now: Date) => string {
  return (now) => {
    const today = chinaDate(now);
    if (now >= chinaInstant(today, time)) return today;
    return chinaDate(new Date(chinaInstant(today).getTime() - 1));
  };
}

/** Due every Monday from `time` (China time), labelled by ISO week. */
export function weeklyOnMondayAt(time: string): (now: Date) => string {
  return (now) => {
    const monday = mondayOf(chinaDate(now));
    if (now >= chinaInstant(monday, time)) return isoWeek(monday);
    return isoWeek(chinaDate(new Date(chinaInstant(monday).getTime() - 1)));
  };
}
