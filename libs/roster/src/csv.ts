import { RosterFormatError } from './errors.js';
import { neutraliseFormula } from './cells.js';

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/**
 * RFC 4180 CSV: comma separated, fields optionally in double quotes, `""` inside quotes is one
 * quote, records end in CRLF or LF (a lone CR too), quoted fields may span lines.
 * Cells are returned exactly as written (no trimming). A final line break does not start a row.
 */
export function parseCsv(text: string): string[][] {
  return Array.from(csvRecords(text));
}

/**
 * The records of a CSV text one at a time (see `parseCsv`), so a large file is read without a
 * table of every cell: an importer validates each record as it comes and keeps only what it needs.
 */
export function* csvRecords(text: string): Generator<string[], void, undefined> {
  const n = text.length;
  let row: string[] = [];
  let i = 0;
  let line = 1;
  if (n === 0) return;
  for (;;) {
    // One field starts at i.
    if (i < n && text.charCodeAt(i) === QUOTE) {
      const openLine = line;
      let value = '';
      let start = i + 1;
      for (;;) {
        const q = text.indexOf('"', start);
        if (q === -1) {
          throw new RosterFormatError(`CSV 格式错误：第 ${openLine} 行的引号没有闭合（缺少结尾的 "）`, [
            { row: openLine, column: null, message: `CSV 格式错误：第 ${openLine} 行的引号没有闭合（缺少结尾的 "）` },
          ]);
        }
        line += countLineBreaks(text, start, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(start, q + 1);
          start = q + 2;
          continue;
        }
        value += text.slice(start, q);
        i = q + 1;
        break;
      }
      // Tolerate stray characters after the closing quote (Excel does): append them verbatim.
      const end = nextDelimiter(text, i);
      if (end > i) value += text.slice(i, end);
      row.push(value);
      i = end;
    } else {
      const end = nextDelimiter(text, i);
      row.push(text.slice(i, end));
      i = end;
    }
    if (i >= n) {
      yield row;
      return;
    }
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i++;
      continue;
    }
    // Line break ends the record.
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    line++;
    yield row;
    row = [];
    if (i >= n) return;
  }
}

function nextDelimiter(text: string, from: number): number {
  const n = text.length;
  let i = from;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === COMMA || c === LF || c === CR) return i;
    i++;
  }
  return n;
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) count++;
    else if (c === CR && text.charCodeAt(i + 1) !== LF) count++;
  }
  return count;
}

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Writes rows as CSV for Excel and WPS: a UTF-8 BOM first (without it they assume the system
 * code page and garble Chinese), CRLF line ends, quotes only where needed, and every cell passed
 * through the formula-injection rule (see `neutraliseFormula`).
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  let out = '\uFEFF';
  for (const row of rows) {
    for (let c = 0; c < row.length; c++) {
      if (c > 0) out += ',';
      const cell = neutraliseFormula(row[c] ?? '');
      out += NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
    }
    out += '\r\n';
  }
  return out;
}
