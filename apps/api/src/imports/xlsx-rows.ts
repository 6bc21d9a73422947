import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import { notXlsxMessage, RosterFormatError, xlsxRowText } from '@lookback/roster';

type Chunks = AsyncIterable<Buffer | string>;
type Entry = NodeJS.ReadableStream;

/** UTF-8 text of a stream of bytes, a character split between two chunks kept whole. */
async function* utf8(chunks: Chunks): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/**
 * exceljs 4.4's streaming reader decodes each inflated chunk of an entry on its own
 * (`parse-sax.js`: `textDecoder.decode(chunk)`), so a Chinese character whose three bytes fall on
 * both sides of a chunk boundary became two U+FFFD — names and village names silently changed. Its
 * SAX parser takes strings as they are, so every entry reaches it already decoded here. (The
 * whole-workbook reader hands each entry over in one piece and is not affected.)
 */
class Utf8WorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  _parseRels(entry: Entry): Promise<void> {
    return base._parseRels.call(this, entry.setEncoding('utf8'));
  }
  _parseWorkbook(entry: Entry): Promise<void> {
    return base._parseWorkbook.call(this, entry.setEncoding('utf8'));
  }
  _parseStyles(entry: Entry): Promise<void> {
    return base._parseStyles.call(this, entry.setEncoding('utf8'));
  }
  _parseSharedStrings(entry: Entry): AsyncGenerator<unknown> {
    return base._parseSharedStrings.call(this, entry.setEncoding('utf8'));
  }
  _parseWorksheet(chunks: Chunks, sheetNo: string): Generator<unknown> {
    return base._parseWorksheet.call(this, utf8(chunks), sheetNo);
  }
}

/** The reader's entry handlers wrapped above (exceljs 4.4.0, pinned; not in its typings). */
const base = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as {
  _parseRels(entry: Entry): Promise<void>;
  _parseWorkbook(entry: Entry): Promise<void>;
  _parseStyles(entry: Entry): Promise<void>;
  _parseSharedStrings(entry: Entry): AsyncGenerator<unknown>;
  _parseWorksheet(chunks: Chunks, sheetNo: string): Generator<unknown>;
};

/**
 * The rows of an XLSX's worksheet, read as the file is inflated (exceljs's streaming reader), for
 * `openTable`: a county's 240,000 households are never one workbook model in memory (measured:
 * about 0.5 GB at most instead of over 2 GB), and the event loop is never held for more than a
 * moment. Rows are numbered as in the sheet: a row missing from the file comes out empty, so
 * messages name the rows a user sees in Excel. Cells read as `readXlsx` reads them.
 */
export async function* streamXlsxRows(bytes: Uint8Array, label: string): AsyncGenerator<string[]> {
  const reader = new Utf8WorkbookReader(Readable.from([bytes]), {
    sharedStrings: 'cache',
    hyperlinks: 'cache',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  let next = 1;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        for (; next < row.number; next++) yield [];
        next = row.number + 1;
        yield xlsxRowText(row);
      }
      // The first worksheet only (openTable streams a workbook with one).
      return;
    }
  } catch (error) {
    if (error instanceof RosterFormatError) throw error;
    throw new RosterFormatError(notXlsxMessage(label));
  }
}
