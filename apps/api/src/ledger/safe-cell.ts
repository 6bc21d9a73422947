import { neutraliseFormula } from '@lookback/roster';

/**
 * A ledger cell for an xlsx export: text goes through the roster's formula-injection rule
 * (`neutraliseFormula`: = + - @ TAB CR at the start get a leading apostrophe, so Excel and WPS
 * show it as text), numbers stay numbers, nothing becomes an empty cell.
 */
export function safeCell(value: string | number | null | undefined): string | number {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? value : neutraliseFormula(value);
}
