import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { notXlsxMessage, RosterFormatError, xlsxRowText } from '@lookback/roster';

/**
 * The rows of an XLSX's worksheet, read as the file is inflated (exceljs's streaming reader), for
 * `openTable`: a county's 240,000 households are never one workbook model in memory (measured:
 * about 0.5 GB at most instead of over 2 GB), and the event loop is never held for more than a
 * moment. Rows are numbered as in the sheet: a row missing from the file comes out empty, so
 * messages name the rows a user sees in Excel. Cells read as `readXlsx` reads them.
 */
export async function* streamXlsxRows(bytes: Uint8Array, label: string): AsyncGenerator<string[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
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
