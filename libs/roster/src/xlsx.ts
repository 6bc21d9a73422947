import ExcelJS from 'exceljs';

import { columnLetter, dropTrailingBlankRows, isBlankRow, neutraliseFormula, numberAsText } from './cells.js';
import { RosterFormatError } from './errors.js';

/** What a user is told about a ZIP that is not a readable XLSX. */
export function notXlsxMessage(label: string): string {
  return `${label}是 ZIP 压缩包，但不是有效的 XLSX 表格（可能是 Word 文档或其他压缩文件），请用 Excel 或 WPS 另存为 .xlsx 或 CSV（UTF-8）后再上传`;
}

/**
 * Checks an XLSX archive from the sizes and names its central directory declares, before anything
 * is inflated: refuses a zip bomb, and answers what it holds (null when the directory cannot be
 * read, which the XLSX reader then reports as a broken file).
 */
export function inspectXlsx(bytes: Uint8Array, label = '文件'): ZipDirectory | null {
  const inflated = zipInflatedSize(bytes);
  if (inflated && isZipBomb(inflated)) {
    const mb = Math.round(inflated.uncompressed / 1024 / 1024);
    throw new RosterFormatError(
      `${label}解压后有 ${mb} MB（压缩比约 ${Math.round(inflated.uncompressed / Math.max(inflated.compressed, 1))}:1），远超正常 XLSX 表格的大小，可能已损坏或是恶意构造的压缩包。请在 Excel 或 WPS 中另存为 .xlsx 或 CSV（UTF-8）后再上传`,
    );
  }
  return inflated;
}

/** A worksheet read as text cells. */
export interface XlsxTable {
  rows: string[][];
  /** The worksheet's name when the workbook has several (so messages can say which was read). */
  sheet?: string;
}

/**
 * Reads one worksheet of an xlsx file as text cells, as a user sees them. Hidden worksheets (a
 * list of allowed values, say) are never read. Of the visible ones, the first whose first
 * non-empty row passes `isHeader` (a file's header), else the first with any content (not an
 * empty "Sheet1" before the data), else the first.
 */
export async function readXlsx(bytes: Uint8Array, label = '文件', isHeader?: (cells: readonly string[]) => boolean): Promise<XlsxTable> {
  const notXlsx = notXlsxMessage(label);
  inspectXlsx(bytes, label);
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs is typed for Node's Buffer but reads any Uint8Array (JSZip underneath).
    await workbook.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  } catch {
    throw new RosterFormatError(notXlsx);
  }
  const all = workbook.worksheets.filter((ws) => ws !== undefined);
  const visible = all.filter((ws) => ws.state !== 'hidden' && ws.state !== 'veryHidden');
  const candidates = visible.length > 0 ? visible : all;
  const firstRows = candidates.map(firstNonBlankRow);
  let at = isHeader ? firstRows.findIndex((cells) => cells !== undefined && isHeader(cells)) : -1;
  if (at < 0) at = Math.max(firstRows.findIndex((cells) => cells !== undefined), 0);
  const sheet = candidates[at];
  if (!sheet) throw new RosterFormatError(notXlsx);

  const rows: string[][] = [];
  let width = 0;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const cells = xlsxRowText(sheet.getRow(r));
    if (cells.length > width) width = cells.length;
    rows.push(cells);
  }
  // Pad to a rectangle so a column that is empty at the end of some rows still lines up.
  for (const cells of rows) while (cells.length < width) cells.push('');
  return { rows: dropTrailingBlankRows(rows), ...(all.length > 1 ? { sheet: sheet.name } : {}) };
}

/** The first row of a worksheet with a cell that is not blank, as text; undefined for an empty sheet. */
function firstNonBlankRow(sheet: ExcelJS.Worksheet): string[] | undefined {
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.findRow(r);
    if (row === undefined) continue;
    const cells = xlsxRowText(row);
    if (!isBlankRow(cells)) return cells;
  }
  return undefined;
}

/** A worksheet row's cells as text (see xlsxCellText), up to its last cell that is not empty. */
export function xlsxRowText(row: Pick<ExcelJS.Row, 'cellCount' | 'getCell'>): string[] {
  const cells: string[] = [];
  let last = 0;
  for (let c = 1; c <= row.cellCount; c++) {
    const cell = row.getCell(c);
    const text = xlsxCellText(cell.value, cell.numFmt);
    cells.push(text);
    if (text !== '') last = c;
  }
  cells.length = last;
  return cells;
}

/** No real roster inflates beyond this (a county's 240,000 households are about 150 MB of sheet XML). */
export const MAX_XLSX_INFLATED_BYTES = 1024 * 1024 * 1024;
/** Spreadsheet XML compresses about 5–20:1; far more means repeated filler (a zip bomb). */
const MAX_RATIO = 100;
const RATIO_CHECKED_ABOVE = 32 * 1024 * 1024;

function isZipBomb(size: { compressed: number; uncompressed: number }): boolean {
  if (size.uncompressed > MAX_XLSX_INFLATED_BYTES) return true;
  return size.uncompressed > RATIO_CHECKED_ABOVE && size.uncompressed > MAX_RATIO * size.compressed;
}

/**
 * The sizes a ZIP declares in its central directory, read before anything is inflated (so a small
 * upload cannot make the server inflate gigabytes); null when the directory cannot be read, which
 * the XLSX reader then reports as a broken file.
 */
export interface ZipDirectory {
  compressed: number;
  uncompressed: number;
  /** The worksheets (xl/worksheets/*.xml) and their inflated sizes. */
  worksheets: { name: string; uncompressed: number }[];
}

export function zipInflatedSize(bytes: Uint8Array): ZipDirectory | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const EOCD = 0x06054b50;
  const CENTRAL = 0x02014b50;
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  let compressed = 0;
  let uncompressed = 0;
  const worksheets: ZipDirectory['worksheets'] = [];
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) return null;
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    compressed += view.getUint32(at + 20, true);
    uncompressed += size;
    const name = String.fromCharCode(...bytes.subarray(at + 46, Math.min(at + 46 + nameLength, at + 46 + 200)));
    if (WORKSHEET_ENTRY.test(name)) worksheets.push({ name, uncompressed: size });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return { compressed, uncompressed, worksheets };
}

const WORKSHEET_ENTRY = /^xl\/worksheets\/[^/]+\.xml$/;

/**
 * A cell as the user sees it in Excel: the cached result of a formula, dates as YYYY-MM-DD,
 * numbers as `numberAsText` writes them (leading zeros of a "0000" format included).
 */
export function xlsxCellText(value: ExcelJS.CellValue | undefined, numFmt?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberAsText(value, numFmt);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return isoDate(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    // Never the formula itself: the value Excel cached when the file was saved.
    const result = (value as { result?: unknown }).result;
    return result === undefined ? '' : xlsxCellText(result as ExcelJS.CellValue, numFmt);
  }
  if ('hyperlink' in value) return xlsxCellText((value as { text?: ExcelJS.CellValue }).text);
  if ('error' in value) return String(value.error);
  return '';
}

/** Excel stores dates as serial days; exceljs hands them over as UTC midnight. */
function isoDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const y = String(d.getUTCFullYear()).padStart(4, '0');
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

const FORBIDDEN_IN_SHEET_NAME = /[[\]:*?/\\]/g;

/**
 * Writes one worksheet with every cell as text (so 12-digit codes never turn into 4.11322E+11),
 * the columns formatted as text for whoever fills in a template, the header row bold and frozen,
 * and the same formula-injection rule as `toCsv`.
 */
export async function rowsToXlsx(sheetName: string, rows: readonly (readonly string[])[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const name = sheetName.replace(FORBIDDEN_IN_SHEET_NAME, '_').slice(0, 31) || 'Sheet1';
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const width = rows.reduce((w, row) => Math.max(w, row.length), 0);
  for (let c = 1; c <= width; c++) {
    const longest = rows.reduce((w, row) => Math.max(w, displayWidth(row[c - 1] ?? '')), 4);
    const column = sheet.getColumn(c);
    column.numFmt = '@';
    column.width = Math.min(40, longest + 2);
  }
  rows.forEach((cells, r) => {
    const row = sheet.getRow(r + 1);
    cells.forEach((cell, c) => {
      if (cell !== '') row.getCell(c + 1).value = neutraliseFormula(cell);
    });
    if (r === 0) row.font = { bold: true };
  });
  if (width > 0) sheet.autoFilter = { from: 'A1', to: `${columnLetter(width - 1)}1` };
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as unknown as ArrayBuffer);
}

/** CJK characters take two character widths in Excel's column-width unit. */
function displayWidth(text: string): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) w += text.charCodeAt(i) > 0x2e7f ? 2 : 1;
  return w;
}
