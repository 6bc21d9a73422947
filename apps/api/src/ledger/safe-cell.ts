/**
 * Spreadsheet formula injection (CSV/formula injection): a text cell that begins with = + - @ or a
 * tab / carriage return may be read as a formula by Excel or WPS (at once, or when someone edits the
 * cell). Such text is written with a leading apostrophe, the convention Excel itself uses for
 * "this is text", and always as a string cell, never as a formula. Numbers stay numbers.
 */
const DANGEROUS_START = /^[=+\-@\t\r]/;

export function safeCell(value: string | number | null | undefined): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  return DANGEROUS_START.test(value) ? `'${value}` : value;
}
