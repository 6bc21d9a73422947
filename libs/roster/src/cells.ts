/**
 * Formula injection (CSV/DDE injection): a cell that starts with = + - @ TAB or CR may be run as
 * a formula when the file is opened in Excel or WPS. Writers prefix such a cell with an
 * apostrophe; readers remove that apostrophe again, so writing then reading is lossless.
 * A plain negative number such as -3.5 is left alone: it is data, not a formula (and none of the
 * roster columns accepts negative numbers anyway).
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NEGATIVE_NUMBER = /^-\d+(\.\d+)?$/;

export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NEGATIVE_NUMBER.test(cell) ? `'${cell}` : cell;
}

/** Undoes `neutraliseFormula` on a cell read back from a file. */
export function restoreNeutralised(cell: string): string {
  if (cell.charCodeAt(0) !== 0x27 /* ' */ || cell.length < 2) return cell;
  const rest = cell.slice(1);
  return FORMULA_START.test(rest) && !PLAIN_NEGATIVE_NUMBER.test(rest) ? rest : cell;
}

/** Spreadsheet column letter for a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A number format of zeros only ("0000"): Excel shows an integer with leading zeros up to that many digits. */
const ZERO_PADDED_FORMAT = /^0+$/;
const EXPONENT_ZEROS = /\.?0+e/;

/**
 * A number as a spreadsheet shows it: at most 15 significant digits, which removes binary noise
 * such as 0.30000000000000004 from cached formula results; integers (12-digit codes included)
 * without exponent or decimal point, and padded with leading zeros when the cell's format is
 * zeros only ("0000" shows 1 as 0001). From 10^15 on, where Excel keeps only 15 significant
 * digits (a 16-digit ID typed in has already lost its last digit), the number is written in
 * scientific notation, as Excel shows it, so that it is never taken for an exact code.
 */
export function numberAsText(n: number, numFmt?: string): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1e15) return n.toPrecision(15).replace(EXPONENT_ZEROS, 'e').toUpperCase();
  if (Number.isInteger(n)) {
    const digits = String(Math.abs(n));
    const width = numFmt !== undefined && ZERO_PADDED_FORMAT.test(numFmt) ? numFmt.length : 0;
    return `${n < 0 ? '-' : ''}${digits.padStart(width, '0')}`;
  }
  return String(Number(n.toPrecision(15)));
}

const NOT_BLANK = /\S/;

export function isBlankRow(row: readonly string[]): boolean {
  for (const cell of row) if (cell !== '' && NOT_BLANK.test(cell)) return false;
  return true;
}

/** Drops fully empty rows at the end of a table (Excel often keeps formatted empty rows). */
export function dropTrailingBlankRows(rows: string[][]): string[][] {
  let end = rows.length;
  while (end > 0 && isBlankRow(rows[end - 1])) end--;
  return end === rows.length ? rows : rows.slice(0, end);
}
