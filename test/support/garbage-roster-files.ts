/**
 * A seeded generator of broken roster files for the importer fuzz test: truncated CSV and XLSX,
 * wrong encodings, shifted columns, huge cells, formulas, duplicate keys, empty files, binary
 * garbage, other files renamed .xlsx and small zip bombs. Each case says what the importer must
 * do with it ('refused', 'accepted' or 'either') and, where the generator planted the defect in a
 * known cell, the row and column the refusal must name.
 */
import { deflateRawSync, crc32 } from 'node:zlib';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import seedrandom from 'seedrandom';
import { rowsToXlsx } from '@lookback/roster';
import { HOUSEHOLD_HEADER, VILLAGES } from '../api/helpers.js';

export type Expectation = 'refused' | 'accepted' | 'either';

export interface GarbageCase {
  id: number;
  family: string;
  fileName: string;
  bytes: Uint8Array;
  expect: Expectation;
  /** Data rows the file holds when it is accepted. */
  rows?: number;
  /** A cell the refusal must name (spreadsheet row number, header text). */
  at?: { row: number; column: string | null };
  /** The whole-file message must match. */
  message?: RegExp;
}

type Rng = () => number;
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = '德山秀英老汉建国桂兰志强红梅春生玉珍振华明';
const BOM = '\uFEFF';

/** A valid household table (header + n rows) of the three test villages; keys prefixed per case. */
function validHouseholds(rng: Rng, prefix: string, n: number): string[][] {
  const rows: string[][] = [HOUSEHOLD_HEADER];
  for (let i = 0; i < n; i++) {
    const v = pick(rng, VILLAGES.slice(1));
    const type = pick(rng, ['脱贫户', '监测户', '一般农户']);
    const category = type === '监测户' ? pick(rng, ['脱贫不稳定户', '边缘易致贫户', '突发严重困难户']) : '';
    const name = SURNAMES[int(rng, 0, SURNAMES.length - 1)] + GIVEN.slice(int(rng, 0, 6), int(rng, 7, 9));
    const yes = () => pick(rng, ['是', '否']);
    const withPoint = rng() < 0.5;
    rows.push([
      `${prefix}-${String(i + 1).padStart(4, '0')}`, name, v[3], v[1], v[0], type, category,
      yes(), yes(), yes(), yes(), yes(), String(int(rng, 1, 9)), String(int(rng, 3000, 40000)),
      withPoint ? (113 + rng() * 0.1).toFixed(5) : '', withPoint ? (33.2 + rng() * 0.1).toFixed(5) : '',
    ]);
  }
  return rows;
}

/** CSV as Excel writes it; cells holding a comma, quote or line break are quoted. */
function toCsvText(rows: string[][]): string {
  const cell = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
const utf8 = (text: string) => new TextEncoder().encode(text);

function randomBytes(rng: Rng, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(rng() * 256);
  return out;
}

const SIGNATURES: [string, number[]][] = [
  ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['PDF', [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37]],
  ['JPEG', [0xff, 0xd8, 0xff, 0xe0]],
  ['GIF', [0x47, 0x49, 0x46, 0x38, 0x39, 0x61]],
  ['RAR', [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]],
  ['7z', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['gzip', [0x1f, 0x8b, 0x08, 0x00]],
  ['xls', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
];

/** A ZIP with one stored entry per file, written by hand so the declared sizes can be anything. */
function zipOf(entries: { name: string; data: Uint8Array; deflate?: boolean }[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const body = entry.deflate ? deflateRawSync(entry.data, { level: 9 }) : Buffer.from(entry.data);
    const crc = crc32(entry.data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/**
 * An XLSX whose one worksheet inflates to `megabytes` of identical rows (a zip bomb, lite):
 * the compressed file is a few hundred kilobytes.
 */
export async function zipBombXlsx(megabytes: number): Promise<Uint8Array> {
  const template = await JSZip.loadAsync(await rowsToXlsx('农户', [HOUSEHOLD_HEADER]));
  const row = '<row><c t="inlineStr"><is><t>H</t></is></c><c t="inlineStr"><is><t>张三</t></is></c></row>';
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  const tail = '</sheetData></worksheet>';
  const sheet = Buffer.from(head + row.repeat(Math.ceil((megabytes * 1024 * 1024) / row.length)) + tail, 'utf8');
  const entries: { name: string; data: Uint8Array; deflate?: boolean }[] = [];
  for (const [name, file] of Object.entries(template.files)) {
    if (file.dir) continue;
    const data = name === 'xl/worksheets/sheet1.xml' ? sheet : await file.async('uint8array');
    entries.push({ name, data, deflate: true });
  }
  return zipOf(entries);
}

function setCell(rows: string[][], r: number, c: number, value: string): string[][] {
  const copy = rows.map((row) => [...row]);
  copy[r][c] = value;
  return copy;
}

/** Columns whose values are checked (code, choice, yes/no, number): a junk value there is a problem. */
const CHECKED_COLUMNS = [4, 5, 7, 8, 9, 10, 11, 12, 13];
const JUNK = ['Y', 'N', '1.5.2', '－', 'abc', '#N/A', '#REF!', 'TRUE', 'null', '∞', '4.11322E+11', '-5', '1e9', '¥7500', '7500元', '　'];
const FORMULAS = ['=1+1', '=SUM(A1:A9)', '+1+1', '@SUM(1)', '=HYPERLINK("http://x","y")', '-2+3', '=cmd|\' /C calc\'!A0'];
const HUGE_CHARS = 'abc户编号张三李四〇一二三四五六七八九十ABCxyz;:!?';

export async function garbageCases(seed: string, count: number, options: { bombs?: number } = {}): Promise<GarbageCase[]> {
  const rng = seedrandom(seed);
  const cases: GarbageCase[] = [];
  let bombs = options.bombs ?? 2;
  const families: [number, string][] = [
    [4, 'valid'], [3, 'gb18030'], [2, 'utf16'], [2, 'mojibake'], [10, 'truncated-csv'], [5, 'truncated-xlsx'],
    [8, 'shifted-columns'], [6, 'huge-cell'], [6, 'formula'], [3, 'xlsx-formula'], [6, 'duplicate-key'], [3, 'empty'],
    [6, 'binary'], [4, 'renamed'], [2, 'not-a-workbook-zip'], [8, 'bad-value'], [4, 'xlsx-bad-value'], [2, 'unterminated-quote'],
    [2, 'many-rows-of-junk'], [1, 'bomb'],
  ];
  const totalWeight = families.reduce((s, [w]) => s + w, 0);
  for (let id = 0; cases.length < count; id++) {
    let roll = rng() * totalWeight;
    let family = families[0][1];
    for (const [w, f] of families) {
      if ((roll -= w) < 0) {
        family = f;
        break;
      }
    }
    if (family === 'bomb' && bombs-- <= 0) family = 'binary';
    const n = int(rng, 1, 25);
    const base = validHouseholds(rng, `F${id}`, n);
    const csvName = pick(rng, ['农户.csv', 'households.CSV', '花名册.xlsx', 'export.xls', 'data']);
    const push = (c: Omit<GarbageCase, 'id' | 'family'>) => cases.push({ id, family, ...c });
    const r = int(rng, 1, n); // a data row index in `base`; spreadsheet row r + 1
    switch (family) {
      case 'valid':
        push({ fileName: csvName, bytes: utf8(pick(rng, [BOM, '']) + toCsvText(base)), expect: 'accepted', rows: n });
        break;
      case 'gb18030':
        push({ fileName: csvName, bytes: new Uint8Array(iconv.encode(toCsvText(base), 'gb18030')), expect: 'accepted', rows: n });
        break;
      case 'utf16': {
        const le = rng() < 0.5;
        const body = iconv.encode(toCsvText(base), le ? 'utf16le' : 'utf16be');
        const withBom = rng() < 0.6;
        const bom = Buffer.from(le ? [0xff, 0xfe] : [0xfe, 0xff]);
        push({ fileName: csvName, bytes: new Uint8Array(withBom ? Buffer.concat([bom, body]) : body), expect: 'refused', message: withBom ? /UTF-16/ : /二进制|不是/ });
        break;
      }
      case 'mojibake': {
        // UTF-8 bytes misread as GB18030 and saved again as UTF-8: the header is unrecognisable.
        const garbled = iconv.decode(Buffer.from(toCsvText(base), 'utf8'), 'gb18030');
        push({ fileName: csvName, bytes: utf8(garbled), expect: 'refused', at: { row: 1, column: null } });
        break;
      }
      case 'truncated-csv': {
        const bytes = utf8(toCsvText(base));
        push({ fileName: csvName, bytes: bytes.slice(0, int(rng, 0, bytes.length - 1)), expect: 'either' });
        break;
      }
      case 'truncated-xlsx': {
        const bytes = await rowsToXlsx('农户', base);
        push({ fileName: '农户.xlsx', bytes: bytes.slice(0, int(rng, 4, bytes.length - 23)), expect: 'refused', message: /ZIP|XLSX|不是/ });
        break;
      }
      case 'shifted-columns': {
        // A cell inserted or lost before 村代码: every later value moves one column, the code column
        // receives the village name or the household type.
        const rows = base.map((row) => [...row]);
        const p = int(rng, 0, 4);
        if (rng() < 0.5) rows[r].splice(p, 0, pick(rng, ['X', '张三', '411322', '备注']));
        else rows[r].splice(p, 1);
        push({ fileName: csvName, bytes: utf8(toCsvText(rows)), expect: 'refused', at: { row: r + 1, column: '村代码' } });
        break;
      }
      case 'huge-cell': {
        const c = int(rng, 0, HOUSEHOLD_HEADER.length - 1);
        const length = pick(rng, [201, 1000, 5000, 50_000, 200_000]);
        let text = '';
        while (text.length < length) text += HUGE_CHARS[int(rng, 0, HUGE_CHARS.length - 1)];
        const rows = setCell(base, r, c, text);
        const asXlsx = rng() < 0.2 && length <= 32_767; // Excel's own cell limit
        push({ fileName: asXlsx ? '农户.xlsx' : csvName, bytes: asXlsx ? await rowsToXlsx('农户', rows) : utf8(toCsvText(rows)), expect: 'refused', at: { row: r + 1, column: HOUSEHOLD_HEADER[c] } });
        break;
      }
      case 'formula': {
        // A formula in a number column is refused there; in a name column it is only text.
        const inNumber = rng() < 0.6;
        const c = inNumber ? pick(rng, [12, 13]) : 1;
        const rows = setCell(base, r, c, pick(rng, FORMULAS));
        push({ fileName: csvName, bytes: utf8(toCsvText(rows)), expect: inNumber ? 'refused' : 'accepted', rows: n, ...(inNumber ? { at: { row: r + 1, column: HOUSEHOLD_HEADER[c] } } : {}) });
        break;
      }
      case 'xlsx-formula': {
        // A real formula cell: its cached result is read; without one the cell is empty.
        const bytes = await rowsToXlsx('农户', base);
        const zip = await JSZip.loadAsync(bytes);
        const sheetPath = 'xl/worksheets/sheet1.xml';
        const xml = await zip.file(sheetPath)!.async('string');
        const cellRef = `N${r + 1}`; // 人均纯收入
        const withResult = rng() < 0.5;
        const replaced = xml.replace(new RegExp(`<c r="${cellRef}"[^>]*?(?:/>|>.*?</c>)`), `<c r="${cellRef}"><f>M${r + 1}*1000</f>${withResult ? '<v>7000</v>' : ''}</c>`);
        zip.file(sheetPath, replaced);
        const out = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
        push({ fileName: '农户.xlsx', bytes: out, expect: withResult ? 'accepted' : 'refused', rows: n, ...(withResult ? {} : { at: { row: r + 1, column: '人均纯收入' } }) });
        break;
      }
      case 'duplicate-key': {
        if (n < 2) {
          push({ fileName: csvName, bytes: utf8(toCsvText(base)), expect: 'accepted', rows: n });
          break;
        }
        const a = int(rng, 1, n - 1);
        const b = int(rng, a + 1, n);
        const rows = setCell(base, b, 0, base[a][0]);
        push({ fileName: csvName, bytes: utf8(toCsvText(rows)), expect: 'refused', at: { row: b + 1, column: '户编号' } });
        break;
      }
      case 'empty': {
        const kind = int(rng, 0, 4);
        const bytes = [new Uint8Array(), utf8(BOM), utf8('   \r\n\t\r\n'), utf8('\r\n\r\n\r\n'), utf8(BOM + HOUSEHOLD_HEADER.join(',') + '\r\n')][kind];
        push({ fileName: csvName, bytes, expect: kind === 4 ? 'either' : 'refused', ...(kind < 4 ? { message: /空/ } : {}) });
        break;
      }
      case 'binary':
        push({ fileName: pick(rng, ['农户.xlsx', 'x.csv', 'blob']), bytes: randomBytes(rng, int(rng, 1, 20_000)), expect: 'either' });
        break;
      case 'renamed': {
        const [what, signature] = pick(rng, SIGNATURES);
        const bytes = new Uint8Array([...signature, ...randomBytes(rng, int(rng, 0, 5000))]);
        push({ fileName: '农户.xlsx', bytes, expect: 'refused', message: what === 'xls' ? /旧版 Excel/ : new RegExp(what === '7z' ? '7z' : what, 'i') });
        break;
      }
      case 'not-a-workbook-zip': {
        const zip = new JSZip();
        zip.file('word/document.xml', '<w:document/>');
        zip.file('[Content_Types].xml', '<Types/>');
        push({ fileName: '农户.xlsx', bytes: await zip.generateAsync({ type: 'uint8array' }), expect: 'refused', message: /ZIP/ });
        break;
      }
      case 'bad-value': {
        const c = pick(rng, CHECKED_COLUMNS);
        const rows = setCell(base, r, c, pick(rng, JUNK));
        push({ fileName: csvName, bytes: utf8(toCsvText(rows)), expect: 'refused', at: { row: r + 1, column: HOUSEHOLD_HEADER[c] } });
        break;
      }
      case 'xlsx-bad-value': {
        const c = pick(rng, CHECKED_COLUMNS);
        const rows = setCell(base, r, c, pick(rng, JUNK));
        push({ fileName: '农户.xlsx', bytes: await rowsToXlsx('农户', rows), expect: 'refused', at: { row: r + 1, column: HOUSEHOLD_HEADER[c] } });
        break;
      }
      case 'unterminated-quote': {
        const text = toCsvText(base);
        const lines = text.split('\r\n');
        lines[r] = lines[r].replace(',', ',"');
        push({ fileName: csvName, bytes: utf8(lines.join('\r\n')), expect: 'refused', message: /引号/ });
        break;
      }
      case 'many-rows-of-junk': {
        // Thousands of bad rows: the list stops at 200 problems and says how many more there are.
        const rows = [HOUSEHOLD_HEADER, ...Array.from({ length: int(rng, 300, 3000) }, (_, i) => [`J${i}`, '某', '凤瑞街道', '付庄村', 'bad', '?'])];
        push({ fileName: csvName, bytes: utf8(toCsvText(rows)), expect: 'refused', at: { row: 2, column: '村代码' } });
        break;
      }
      case 'bomb':
        push({ fileName: '农户.xlsx', bytes: await zipBombXlsx(pick(rng, [40, 120])), expect: 'refused', message: /解压|过大|压缩/ });
        break;
    }
  }
  return cases;
}
