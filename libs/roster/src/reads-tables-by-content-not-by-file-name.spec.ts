import { readFileSync } from 'node:fs';

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';

import { openTable, RosterFormatError, parseHouseholdTable, readTable } from './index.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

async function xlsx(fill: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook.addWorksheet('农户'), workbook);
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as unknown as ArrayBuffer);
}

async function formatError(bytes: Uint8Array, fileName?: string): Promise<RosterFormatError> {
  try {
    await readTable(bytes, fileName);
  } catch (e) {
    if (e instanceof RosterFormatError) return e;
    throw e;
  }
  throw new Error('readTable accepted the file');
}

describe('readTable', () => {
  it('reads CSV text whatever the file is called', async () => {
    expect(await readTable(utf8('户编号,户主姓名\nH1,张三\n'), 'roster.xlsx')).toEqual([
      ['户编号', '户主姓名'],
      ['H1', '张三'],
    ]);
  });

  it('drops trailing fully empty rows (CSV)', async () => {
    expect(await readTable(utf8('a,b\r\n1,2\r\n,\r\n , \r\n\r\n'))).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('reads the first worksheet of an xlsx as text: numeric codes as digits, dates as YYYY-MM-DD, rich text joined, formulas as their cached result', async () => {
    const bytes = await xlsx((sheet, workbook) => {
      sheet.addRow(['村代码', '户主姓名', '日期', '人均纯收入', '家庭人口数', '是否低保户']);
      sheet.addRow([
        411322101001,
        { richText: [{ text: '张' }, { text: '德山', font: { bold: true } }] },
        new Date(Date.UTC(2023, 8, 15)),
        { formula: 'E2*2500', result: 7500 },
        { formula: '1+2', result: 3.0000000000000004 },
        '是',
      ]);
      sheet.addRow([]);
      sheet.addRow([]);
      workbook.addWorksheet('说明').addRow(['this sheet is ignored']);
    });
    expect(await readTable(bytes, 'households.csv')).toEqual([
      ['村代码', '户主姓名', '日期', '人均纯收入', '家庭人口数', '是否低保户'],
      ['411322101001', '张德山', '2023-09-15', '7500', '3', '是'],
    ]);
  });

  it('accepts an xlsx household roster whose codes, counts and incomes are numbers', async () => {
    const bytes = await xlsx((sheet) => {
      sheet.addRow(['户编号', '户主姓名', '乡镇', '行政村', '村代码', '户类型', '监测对象类别', '是否低保户', '是否特困户', '是否重度残疾', '是否大病重病', '是否独居高龄老人', '家庭人口数', '人均纯收入']);
      sheet.addRow([20230001, '张德山', '独树镇', '石门村', 411322101001, '脱贫户', null, '否', '否', '否', '否', '否', 4, 9860.5]);
    });
    const { records, problems } = parseHouseholdTable(await readTable(bytes));
    expect(problems).toEqual([]);
    expect(records[0]).toMatchObject({ householdNo: '20230001', villageCode: '411322101001', members: 4, incomePerCapita: 9860.5, lng: null, lat: null });
  });

  it('reads a number with a zero-padded format as Excel shows it ("0000": 1 → 0001), other formats as before', async () => {
    const bytes = await xlsx((sheet) => {
      sheet.addRow(['户编号', '村代码', '人均纯收入', '家庭人口数', '公式']);
      sheet.addRow([1, 411322101, 7500, 1234, { formula: 'A2+1', result: 2 }]);
      sheet.addRow([12345, 411322101001, 7500.5, 3, null]);
      sheet.getColumn(1).numFmt = '0000';
      sheet.getColumn(2).numFmt = '000000000000';
      sheet.getColumn(3).numFmt = '0.00';
      sheet.getColumn(4).numFmt = '#,##0';
      sheet.getCell('E2').numFmt = '000';
    });
    expect(await readTable(bytes)).toEqual([
      ['户编号', '村代码', '人均纯收入', '家庭人口数', '公式'],
      ['0001', '000411322101', '7500', '1234', '002'],
      ['12345', '411322101001', '7500.5', '3', ''],
    ]);
  });

  it('reads a number of 16 digits or more in scientific notation, as Excel keeps only 15 significant digits of it', async () => {
    const bytes = await xlsx((sheet) => {
      sheet.addRow(['户编号', '户主姓名', '乡镇', '行政村', '村代码', '户类型', '监测对象类别', '是否低保户', '是否特困户', '是否重度残疾', '是否大病重病', '是否独居高龄老人', '家庭人口数', '人均纯收入']);
      sheet.addRow([4113221012000000, '张德山', '独树镇', '石门村', 411322101001, '脱贫户', null, '否', '否', '否', '否', '否', 4, 9860.5]);
      sheet.addRow([4113221012000000, '李秀英', '独树镇', '石门村', 411322101001, '脱贫户', null, '否', '否', '否', '否', '否', 3, 7500]);
      sheet.addRow([999999999999999, '王五', '独树镇', '石门村', 411322101001, '脱贫户', null, '否', '否', '否', '否', '否', 3, 7500]);
      sheet.getColumn(1).numFmt = '0000000000000000';
    });
    const table = await readTable(bytes);
    // However it is formatted: the digits Excel shows past the 15th are zeros, whatever the ID said.
    expect(table.slice(1).map((cells) => cells[0])).toEqual(['4.113221012E+15', '4.113221012E+15', '0999999999999999']);
    const { problems } = parseHouseholdTable(table);
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [2, '户编号'],
      [3, '户编号'],
    ]);
    expect(problems[0].message).toContain('请把这一列设为“文本”格式');
  });

  it('never reads a hidden worksheet, and of several visible ones picks the first whose first row is the header of the kind of file expected', async () => {
    const rows = [
      ['户编号', '户主姓名', '乡镇', '行政村', '村代码', '户类型', '监测对象类别', '是否低保户', '是否特困户', '是否重度残疾', '是否大病重病', '是否独居高龄老人', '家庭人口数', '人均纯收入'],
      ['H1', '张德山', '独树镇', '石门村', '411322101001', '脱贫户', '', '否', '否', '否', '否', '否', '4', '9860.5'],
    ];
    const workbook = async (sheets: { name: string; rows: string[][]; state?: ExcelJS.WorksheetState }[]) => {
      const book = new ExcelJS.Workbook();
      for (const { name, rows: cells, state } of sheets) book.addWorksheet(name, state ? { state } : {}).addRows(cells);
      return new Uint8Array((await book.xlsx.writeBuffer()) as unknown as ArrayBuffer);
    };
    const hidden = await workbook([
      { name: '字典', rows: [['是'], ['否']], state: 'hidden' },
      { name: '代码', rows: [['411322101001']], state: 'veryHidden' },
      { name: '农户', rows },
    ]);
    expect(await readTable(hidden)).toEqual(rows);
    const { rows: read, sheet } = await openTable(hidden, 'h.xlsx');
    expect([read, sheet]).toEqual([rows, '农户']);

    const explained = await workbook([
      { name: 'Sheet1', rows: [] },
      { name: '填报说明', rows: [['填报说明'], ['1. 户编号为16位']] },
      { name: '农户', rows: [[], ...rows] },
    ]);
    expect((await readTable(explained, 'h.xlsx', 'households')).slice(1)).toEqual(rows);
    // Not knowing what to expect: the first visible worksheet with something in it.
    expect(await readTable(explained)).toEqual([['填报说明'], ['1. 户编号为16位']]);
    expect((await openTable(explained, 'h.xlsx', undefined, 'villages')).sheet).toBe('填报说明');

    // One worksheet: nothing to pick, nothing to name (as the API's streaming reader reads it).
    const single = await xlsx((only) => only.addRows(rows));
    expect((await openTable(single, 'h.xlsx', undefined, 'households')).sheet).toBeUndefined();
  });

  it('refuses an empty file', async () => {
    expect((await formatError(new Uint8Array(0))).message).toBe('文件为空');
    expect((await formatError(utf8('\uFEFF \r\n'), 'a.csv')).message).toBe('文件「a.csv」为空');
  });

  it('refuses a PNG renamed to .csv and names what it is', async () => {
    const png = new Uint8Array(readFileSync(new URL('./__fixtures__/pixel.png', import.meta.url)));
    const error = await formatError(png, 'households.csv');
    expect(error.message).toBe('文件「households.csv」不是 CSV 或 XLSX 表格（检测到 PNG 图片）');
    expect(error.problems).toEqual([{ row: null, column: null, message: error.message }]);
  });

  it('refuses a PDF', async () => {
    expect((await formatError(utf8('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).message).toContain('检测到 PDF 文档');
  });

  it('refuses an old .xls (OLE) file and asks for .xlsx', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const message = (await formatError(ole, '花名册.xls')).message;
    expect(message).toContain('旧版 Excel（.xls）');
    expect(message).toContain('.xlsx');
  });

  it('refuses other binary content (NUL bytes)', async () => {
    expect((await formatError(new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0x00, 0x01, 0x02]))).message).toBe('文件不是 CSV 或 XLSX 表格（检测到二进制内容）');
  });

  it('refuses a zip that is not an xlsx workbook', async () => {
    // A valid zip holding one stored file "a.txt" and no workbook.
    const zip = Uint8Array.from(
      atob('UEsDBAoAAAAAAAAAIQBDvrfoAgAAAAIAAAAFAAAAYS50eHRoaVBLAQIUAAoAAAAAAAAAIQBDvrfoAgAAAAIAAAAFAAAAAAAAAAAAAAAAAAAAAABhLnR4dFBLBQYAAAAAAQABADMAAAAlAAAAAAA='),
      (c) => c.charCodeAt(0),
    );
    expect((await formatError(zip, 'roster.xlsx')).message).toContain('不是有效的 XLSX 表格');
  });

  it('refuses a web page saved with an .xls name', async () => {
    expect((await formatError(utf8('<html><body><table><tr><td>户编号</td></tr></table></body></html>'), 'export.xls')).message).toContain('网页');
  });
});
