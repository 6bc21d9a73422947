import ExcelJS from 'exceljs';
import { openTable, readTable, RosterFormatError } from '@lookback/roster';
import { describe, expect, it } from 'vitest';
import { streamXlsxRows } from './xlsx-rows.js';

async function xlsx(fill: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook.addWorksheet('农户'), workbook);
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as unknown as ArrayBuffer);
}

/** Rows as the table parsers see them: trailing empty cells and trailing blank rows do not matter. */
function trimmed(rows: string[][]): string[][] {
  const out = rows.map((cells) => {
    let end = cells.length;
    while (end > 0 && cells[end - 1] === '') end--;
    return cells.slice(0, end);
  });
  while (out.length && out[out.length - 1].length === 0) out.pop();
  return out;
}

async function streamed(bytes: Uint8Array): Promise<string[][]> {
  const { rows } = await openTable(bytes, 'h.xlsx', streamXlsxRows);
  expect(Symbol.asyncIterator in rows).toBe(true);
  const out: string[][] = [];
  for await (const cells of rows as AsyncIterable<string[]>) out.push(cells);
  return out;
}

describe('streamXlsxRows', () => {
  it('reads every kind of cell as the whole-workbook reader does, rows missing from the sheet as empty rows', async () => {
    const bytes = await xlsx((sheet) => {
      sheet.addRow(['户编号', '户主姓名', '日期', '人均纯收入', '家庭人口数', '是否低保户', '链接', '布尔', '错误', '长代码']);
      sheet.addRow([
        20230001,
        { richText: [{ text: '张' }, { text: '德山', font: { bold: true } }] },
        new Date(Date.UTC(2023, 8, 15)),
        { formula: 'E2*2500', result: 7500 },
        { formula: '1+2', result: 3.0000000000000004 },
        '是',
        { text: '石门村', hyperlink: 'https://example.org/' },
        true,
        { error: '#N/A' },
        411322101001,
      ]);
      // Rows 3 and 4 are not in the file at all; row 5 has a gap between its cells.
      sheet.getRow(5).getCell(1).value = 'H2';
      sheet.getRow(5).getCell(4).value = 9860.5;
      sheet.getRow(6).getCell(2).value = "'=1+1";
    });
    const whole = trimmed(await readTable(bytes, 'h.xlsx'));
    expect(whole[1]).toEqual(['20230001', '张德山', '2023-09-15', '7500', '3', '是', '石门村', 'TRUE', '#N/A', '411322101001']);
    expect(trimmed(await streamed(bytes))).toEqual(whole);
    expect((await streamed(bytes))[3]).toEqual([]);
  });

  it('shows numbers with a zero-padded format with their leading zeros ("0000": 1 → 0001), as the whole-workbook reader does', async () => {
    const bytes = await xlsx((sheet) => {
      sheet.addRow(['户编号', '村代码', '人均纯收入']);
      sheet.addRow([1, 411322101, 7500]);
      sheet.addRow([{ formula: 'A2+1', result: 2 }, 411322101001, 7500.5]);
      sheet.getColumn(1).numFmt = '0000';
      sheet.getColumn(2).numFmt = '000000000000';
      sheet.getColumn(3).numFmt = '0.00';
    });
    const rows = await streamed(bytes);
    expect(rows.slice(1)).toEqual([
      ['0001', '000411322101', '7500'],
      ['0002', '411322101001', '7500.5'],
    ]);
    expect(rows).toEqual(await readTable(bytes));
  });

  it('keeps Chinese text whole where the inflated sheet or shared strings split a character between two chunks', async () => {
    // About 300 KB of three-byte characters: the inflater's 16 KB chunks end inside one of them
    // many times over, in the shared strings (names) and in inline text alike.
    const names = Array.from({ length: 3000 }, (_, i) => `${'张王李赵刘陈杨黄'[i % 8]}${'德山秀兰建国卫东'.slice(i % 5, (i % 5) + 2)}${'石门村'.repeat(1 + (i % 7))}${i}`);
    const bytes = await xlsx((sheet) => {
      sheet.addRow(['户编号', '户主姓名', '行政村']);
      names.forEach((name, i) => sheet.addRow([`H${i}`, name, { richText: [{ text: '独树镇' }, { text: name }] }]));
    });
    const rows = await streamed(bytes);
    expect(rows.slice(1).map((cells) => cells[1])).toEqual(names);
    expect(rows.slice(1).map((cells) => cells[2])).toEqual(names.map((name) => `独树镇${name}`));
    expect(rows.some((cells) => cells.some((cell) => cell.includes('\uFFFD')))).toBe(false);
  });

  it('reads the only worksheet of a workbook as the file is inflated, and a workbook of several whole', async () => {
    const one = await xlsx((sheet) => sheet.addRow(['户编号']));
    expect((await openTable(one, 'a.xlsx', streamXlsxRows)).rows).not.toBeInstanceOf(Array);
    const two = await xlsx((sheet, workbook) => {
      sheet.addRow(['户编号']);
      workbook.addWorksheet('说明').addRow(['this sheet is ignored']);
    });
    const table = await openTable(two, 'b.xlsx', streamXlsxRows);
    expect(table.rows).toEqual([['户编号']]);
  });

  it('says a broken workbook is not a readable xlsx, as the whole-workbook reader does', async () => {
    const bytes = await xlsx((sheet) => {
      for (let i = 0; i < 2000; i++) sheet.addRow([`H${i}`, `户主${i}`, i]);
    });
    // The central directory is intact (so the stream is chosen); a worksheet's deflated bytes are not.
    const broken = bytes.slice();
    for (let i = 200; i < bytes.length / 2; i++) broken[i] = (broken[i] * 7 + 13) & 0xff;
    const failure = await streamed(broken).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(RosterFormatError);
    expect((failure as RosterFormatError).message).toContain('不是有效的 XLSX 表格');
  });
});
