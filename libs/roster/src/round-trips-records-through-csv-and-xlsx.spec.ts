import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';

import { assets, cadres, households, projects, villages } from './__fixtures__/roster.js';
import {
  assetsToRows,
  cadresToRows,
  householdsToRows,
  parseAssetTable,
  parseCadreTable,
  parseCsv,
  parseHouseholdTable,
  parseProjectTable,
  parseVillageTable,
  projectsToRows,
  readTable,
  rowsToXlsx,
  toCsv,
  villagesToRows,
} from './index.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Names and cells that a naive writer would break: quotes, commas, line breaks, formula starts. */
const awkward = households.map((h, i) =>
  i === 0 ? { ...h, headName: '张"老三", 二组\n(户主)' } : i === 1 ? { ...h, headName: '=HYPERLINK("http://x","点我")' } : { ...h, headName: '@王' },
);

const files = [
  { name: 'villages', rows: () => villagesToRows(villages), parse: parseVillageTable, records: villages },
  { name: 'households', rows: () => householdsToRows(awkward), parse: parseHouseholdTable, records: awkward },
  { name: 'projects', rows: () => projectsToRows(projects), parse: parseProjectTable, records: projects },
  { name: 'assets', rows: () => assetsToRows(assets), parse: parseAssetTable, records: assets },
  { name: 'cadres', rows: () => cadresToRows(cadres), parse: parseCadreTable, records: cadres },
] as const;

describe('writers and parsers round-trip', () => {
  for (const file of files) {
    it(`${file.name}: UTF-8 CSV written by toCsv parses back to the same records`, async () => {
      const { records, problems } = (file.parse as (t: string[][]) => { records: unknown[]; problems: unknown[] })(await readTable(utf8(toCsv(file.rows()))));
      expect(problems).toEqual([]);
      expect(records).toEqual(file.records);
    });

    it(`${file.name}: XLSX written by rowsToXlsx parses back to the same records`, async () => {
      const bytes = await rowsToXlsx(file.name, file.rows());
      const { records, problems } = (file.parse as (t: string[][]) => { records: unknown[]; problems: unknown[] })(await readTable(bytes, `${file.name}.xlsx`));
      expect(problems).toEqual([]);
      expect(records).toEqual(file.records);
    });
  }

  it('households: the same CSV re-encoded as GB18030 (as Excel on Chinese Windows saves it) parses back to the same records', async () => {
    const gb = new Uint8Array(iconv.encode(toCsv(householdsToRows(awkward)).slice(1), 'gb18030'));
    const { records, problems } = parseHouseholdTable(await readTable(gb, 'households.csv'));
    expect(problems).toEqual([]);
    expect(records).toEqual(awkward);
  });
});

describe('toCsv', () => {
  it('starts with a BOM, ends lines with CRLF and quotes only cells that need it', () => {
    expect(toCsv([['户编号', '备注'], ['H1', 'a,b'], ['H2', '说"好"']])).toBe('\uFEFF户编号,备注\r\nH1,"a,b"\r\nH2,"说""好"""\r\n');
  });

  it('prefixes formula-like cells with an apostrophe but leaves plain negative numbers alone', () => {
    const csv = toCsv([['=1+1', '+86', '-x', '@SUM(A1)', '\tA', '-3.5', '普通']]);
    expect(parseCsv(csv.slice(1))).toEqual([["'=1+1", "'+86", "'-x", "'@SUM(A1)", "'\tA", '-3.5', '普通']]);
  });
});

describe('rowsToXlsx', () => {
  it('writes every cell as text with the formula-injection apostrophe, header bold and frozen', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    const bytes = await rowsToXlsx('农户', [['户编号', '村代码'], ['=cmd|calc', '411322101001']]);
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('农户');
    expect(sheet.getCell('A2').value).toBe("'=cmd|calc");
    expect(sheet.getCell('B2').value).toBe('411322101001');
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });
});
