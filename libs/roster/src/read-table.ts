import { dropTrailingBlankRows } from './cells.js';
import { csvRecords } from './csv.js';
import { decodeText } from './decode.js';
import { RosterFormatError } from './errors.js';
import { isRosterHeader, type RosterRecords } from './tables.js';
import { inspectXlsx, readXlsx } from './xlsx.js';

/** Control characters that never occur in a text table (TAB, LF, CR excluded). */
const BINARY_CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f]/;
const NOT_BLANK = /\S/;
const MARKUP_START = /^\s*<(?:!doctype|html|table|\?xml)/i;

/**
 * Reads an uploaded roster file into rows of text cells. The format is sniffed from the bytes,
 * never from the file name (users rename files; browsers report odd types): a ZIP signature means
 * XLSX, text that decodes cleanly means CSV, and anything else is refused with a message telling
 * the user what the file actually is. `fileName` only makes messages friendlier; `kind`, the kind
 * of roster file expected, picks the worksheet holding its header out of a workbook of several.
 */
export async function readTable(bytes: Uint8Array, fileName?: string, kind?: keyof RosterRecords): Promise<string[][]> {
  const { rows } = await openTable(bytes, fileName, undefined, kind);
  return nonEmpty(dropTrailingBlankRows(Array.isArray(rows) ? rows : Array.from(rows as Iterable<string[]>)), fileName ? `文件「${fileName}」` : '文件');
}

/** The rows of an uploaded file, and about how many there are. */
export interface TableRows {
  rows: Iterable<string[]> | AsyncIterable<string[]>;
  /**
   * Rows in the file, the header included: exact for a table read whole, the line breaks of a CSV
   * (a quoted cell may hold more), a guess from the inflated size of a streamed worksheet. For
   * progress, and for choosing how to load; never for a result.
   */
  estimatedRows: number;
  /**
   * The worksheet read, when the workbook has several (hidden ones included): messages about its
   * header name it (`rosterTableParser(kind, sheet)`). Absent for a CSV and a one-sheet workbook.
   */
  sheet?: string;
}

/** Reads an XLSX's only worksheet row by row as it is inflated, rows numbered as in the sheet (gaps as empty rows). */
export type XlsxRowStream = (bytes: Uint8Array, label: string) => AsyncIterable<string[]>;

/** Bytes of worksheet XML per row of a roster, about (a county's 240,000 households: 680). */
const SHEET_BYTES_PER_ROW = 600;

/**
 * The rows of an uploaded roster file, checked and sniffed as `readTable` does, without reading
 * a large file into a table of cells: a CSV's rows are parsed as they are iterated (a CSV syntax
 * error is thrown as a RosterFormatError by the iteration), and an XLSX with one worksheet is read
 * by `streamXlsx` when one is given (the API's, on Node streams); any other XLSX is read whole,
 * from the worksheet `readXlsx` picks: never a hidden one, and the first whose first row is the
 * header of a `kind` file when there is one (a workbook of one worksheet has nothing to pick).
 * Blank rows, trailing ones included, are passed on: the table parsers skip them.
 */
export async function openTable(bytes: Uint8Array, fileName?: string, streamXlsx?: XlsxRowStream, kind?: keyof RosterRecords): Promise<TableRows> {
  const label = fileName ? `文件「${fileName}」` : '文件';
  if (bytes.length === 0) throw new RosterFormatError(`${label}为空`);

  const binaryKind = sniffBinary(bytes);
  if (binaryKind === 'zip') {
    const sheets = streamXlsx ? inspectXlsx(bytes, label)?.worksheets : undefined;
    if (streamXlsx && sheets?.length === 1) return { rows: streamXlsx(bytes, label), estimatedRows: Math.ceil(sheets[0].uncompressed / SHEET_BYTES_PER_ROW) };
    const { rows, sheet } = await readXlsx(bytes, label, kind && ((cells) => isRosterHeader(kind, cells)));
    nonEmpty(rows, label);
    return { rows, estimatedRows: rows.length, ...(sheet === undefined ? {} : { sheet }) };
  }
  if (binaryKind === 'xls') {
    throw new RosterFormatError(`${label}是旧版 Excel（.xls）格式，请在 Excel 或 WPS 中“另存为” .xlsx 或 CSV（UTF-8）后再上传`);
  }
  if (binaryKind === 'utf16') {
    throw new RosterFormatError(`${label}是 UTF-16（Unicode 文本）编码，请另存为 CSV（UTF-8）或 .xlsx 后再上传`);
  }
  if (binaryKind !== null) throw new RosterFormatError(`${label}不是 CSV 或 XLSX 表格（检测到${binaryKind}）`);

  const text = decodeText(bytes);
  if (BINARY_CONTROL.test(text)) throw new RosterFormatError(`${label}不是 CSV 或 XLSX 表格（检测到二进制内容）`);
  if (MARKUP_START.test(text)) {
    throw new RosterFormatError(`${label}是网页或 XML 格式（有些系统导出的 .xls 其实是网页），请在 Excel 或 WPS 中另存为 .xlsx 或 CSV（UTF-8）后再上传`);
  }
  if (!NOT_BLANK.test(text)) throw new RosterFormatError(`${label}为空`);
  return { rows: { [Symbol.iterator]: () => csvRecords(text) }, estimatedRows: lineBreaks(text) + 1 };
}

function lineBreaks(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

function nonEmpty(rows: string[][], label: string): string[][] {
  if (rows.length === 0) throw new RosterFormatError(`${label}为空`);
  return rows;
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  if (bytes.length < signature.length) return false;
  for (let i = 0; i < signature.length; i++) if (bytes[i] !== signature[i]) return false;
  return true;
}

/** Names what a binary file is, or null when it may be text. */
function sniffBinary(bytes: Uint8Array): 'zip' | 'xls' | 'utf16' | string | null {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return ' ZIP 压缩包';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return 'xls';
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return 'utf16';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return ' PDF 文档';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return ' PNG 图片';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return ' JPEG 图片';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return ' GIF 图片';
  if (startsWith(bytes, [0x52, 0x61, 0x72, 0x21])) return ' RAR 压缩包';
  if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf])) return ' 7z 压缩包';
  if (startsWith(bytes, [0x1f, 0x8b])) return ' gzip 压缩包';
  // A NUL byte never occurs in UTF-8 or GB18030 text.
  const probe = Math.min(bytes.length, 65536);
  for (let i = 0; i < probe; i++) if (bytes[i] === 0) return '二进制内容';
  return null;
}
