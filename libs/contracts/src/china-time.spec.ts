import { describe, expect, it } from 'vitest';
import { addDays, chinaDate, chinaInstant, daysBetween, isoWeek, mondayOf } from './china-time.js';

describe('China time', () => {
  it('turns the date at midnight China time, which is 16:00 UTC the day before', () => {
    expect(chinaDate(new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23');
    expect(chinaDate(new Date('2026-11-23T16:00:00Z'))).toBe('2026-11-24');
  });

  it('places a China wall-clock time on its instant', () => {
    expect(chinaInstant('2026-11-24', '06:00').toISOString()).toBe('2026-11-23T22:00:00.000Z');
  });

  it('counts days across month and year ends', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(daysBetween('2027-01-02', '2026-12-30')).toBe(-3);
  });

  it('finds the Monday of a week, Sunday belonging to the week before', () => {
    expect(mondayOf('2026-11-23')).toBe('2026-11-23'); // a Monday
    expect(mondayOf('2026-11-29')).toBe('2026-11-23'); // Sunday
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
  });

  it('labels ISO weeks, including the weeks that straddle a new year', () => {
    expect(isoWeek('2026-11-23')).toBe('2026-W48');
    expect(isoWeek('2027-01-01')).toBe('2026-W53'); // 2026 has 53 ISO weeks
    expect(isoWeek('2025-12-29')).toBe('2026-W01');
  });
});
