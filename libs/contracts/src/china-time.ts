/**
 * Calendar arithmetic in China Standard Time (Asia/Shanghai, UTC+8 all year: China has kept no
 * daylight saving time since 1991), so deadlines and periods do not depend on the server's zone.
 */
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The calendar date (YYYY-MM-DD) in China at `instant`. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** Whether `date` is YYYY-MM-DD naming a real calendar day (not 2026-02-30). */
export function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const time = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(date);
}

/** The date `days` after (or before, when negative) `date` (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The instant a China wall-clock time (HH:MM) happens on `date`. */
export function chinaInstant(date: string, time = '00:00'): Date {
  return new Date(Date.parse(`${date}T${time}:00+08:00`));
}

/** The Monday (YYYY-MM-DD) of the week, Monday to Sunday, that contains `date`. */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/** ISO 8601 week label of `date`, e.g. 2026-W48 (the week belongs to the year of its Thursday). */
export function isoWeek(date: string): string {
  const thursday = addDays(mondayOf(date), 3);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
