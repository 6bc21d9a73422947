import type { ImportProblem } from '@lookback/contracts';

import { columnLetter, isBlankRow, restoreNeutralised } from './cells.js';

/** What a parser returns. The import is all-or-nothing: `records` is empty whenever `problems` is not. */
export interface ParseResult<T> {
  records: T[];
  problems: ImportProblem[];
}

export const MAX_PROBLEMS = 200;
export const MAX_CELL_LENGTH = 200;

export interface ColumnSpec<K extends string> {
  key: K;
  /** The header as the template writes it (Chinese). */
  header: string;
  /** Other accepted spellings, compared after `normalizeHeader`. */
  aliases: readonly string[];
  /** The column may be left out of the file altogether. */
  optional?: boolean;
}

export interface TableSpec<K extends string> {
  columns: readonly ColumnSpec<K>[];
  /** The natural key column: must be unique within the file. */
  keyColumn: K;
  /**
   * The key column is a 12-digit code read with `RowReader.code` (村代码): keys are compared as
   * the codes they are read as, so "411322101001.0" repeats "411322101001". Otherwise the key is
   * text read with `RowReader.key`.
   */
  codeKey?: boolean;
}

/**
 * Headers are matched after removing a BOM, all whitespace, `_` and `-`, a trailing `*` (templates
 * mark required columns so), folding full-width parentheses to ASCII and lower-casing:
 * "资金规模(万元)", "资金规模（万元）" and " Income_Per_Capita " all match.
 */
export function normalizeHeader(raw: string): string {
  return raw
    .replace(/[\s\uFEFF_-]+/g, '')
    .replace(/[*＊]+$/, '')
    .replaceAll('（', '(')
    .replaceAll('）', ')')
    .toLowerCase();
}

/** The last problem of a list cut at MAX_PROBLEMS: how many more were found and not listed. */
export function unlistedProblems(count: number): ImportProblem {
  return { row: null, column: null, message: `另有 ${count} 个问题未列出（只列出前 ${MAX_PROBLEMS} 个），请改正后重新上传查看` };
}

class ProblemList {
  readonly items: ImportProblem[] = [];
  private unlisted = 0;

  add(row: number | null, column: string | null, message: string): void {
    if (this.items.length < MAX_PROBLEMS) this.items.push({ row, column, message });
    else this.unlisted++;
  }

  get empty(): boolean {
    return this.items.length === 0;
  }

  finish(): ImportProblem[] {
    if (this.unlisted > 0) this.items.push(unlistedProblems(this.unlisted));
    return this.items;
  }
}

/** Shows a cell value inside a message, shortened so one bad cell cannot flood the list. */
export function quote(value: string): string {
  return `“${value.length > 30 ? `${value.slice(0, 30)}…` : value}”`;
}

const NUMBER = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;
const SCIENTIFIC = /^[+-]?\d+(?:\.\d+)?[eE][+-]?\d+$/;
const CODE_12 = /^\d{12}(?:\.0+)?$/;
/** Digits with a zero fraction: a key that went through a number format ("4113221012000001.0"). */
const DIGITS_POINT_ZERO = /^\d+\.0+$/;
/** A number as Excel shows it in scientific notation ("4.11322E+15"), and as the XLSX reader writes numbers of 16 digits and more. */
const EXCEL_SCIENTIFIC = /^[+-]?\d(?:\.\d+)?[eE][+-]\d+$/;
const PLAIN_INTEGER = /^\d{1,15}$/;
const TRAILING_ZEROS = /0+$/;
/** A number written as JavaScript writes it (no sign, no leading or trailing zero); the fraction is group 1. */
const PLAIN_DECIMAL = /^(?:0|[1-9]\d*)(?:\.(\d*[1-9]))?$/;

/*
 * The text of the last few numbers read, for numberText. Only texts that String(n) would write
 * again are kept: plain decimals of at most 15 digits (every such decimal survives the trip to a
 * double and back as the same shortest digits) between 1e-6 and 1e21 (outside that range String()
 * writes an exponent).
 */
const RECENT = 8;
const recentValues = new Float64Array(RECENT);
const recentTexts: string[] = new Array<string>(RECENT).fill('');
let recentAt = 0;

function rememberNumberText(n: number, text: string): void {
  recentValues[recentAt] = n;
  recentTexts[recentAt] = text;
  recentAt = (recentAt + 1) % RECENT;
}

/**
 * String(n), the shortest round-trip form — taken from the cell the number was just read from when
 * that cell already says exactly that: an importer writing a row it has just read (COPY text,
 * canonical line) then converts no double back to text. Any other number is converted as usual.
 */
export function numberText(n: number): string {
  for (let i = 0; i < RECENT; i++) if (recentValues[i] === n && recentTexts[i] !== '') return recentTexts[i];
  return String(n);
}

export interface NumberRule {
  min: number;
  max: number;
  integer?: boolean;
  /** Most decimal places accepted (trailing zeros do not count: "7500.0" is an integer). */
  maxDecimals: number;
  /** How to say the allowed range, e.g. "应为 1 到 50 之间的整数". */
  rangeText: string;
}

/**
 * Reads the cells of one data row. One instance is reused for every row so that reading 240,000
 * rows allocates nothing per column beyond the values themselves.
 */
export class RowReader<K extends string> {
  row = 0;
  ok = true;
  private cells: readonly string[] = [];

  constructor(
    private readonly problems: ProblemList,
    /** Column key → index in the file, or -1 when the column is absent. */
    private readonly index: Readonly<Record<K, number>>,
    /** Column key → header as written in the file (or the template header if absent). */
    readonly label: Readonly<Record<K, string>>,
  ) {}

  reset(cells: readonly string[], row: number): void {
    this.cells = cells;
    this.row = row;
    this.ok = true;
  }

  has(key: K): boolean {
    return this.index[key] >= 0;
  }

  /** Records a problem in this row's `key` column. */
  fail(key: K, text: string): undefined {
    this.ok = false;
    const column = this.label[key];
    this.problems.add(this.row, column, `第 ${this.row} 行「${column}」：${text}`);
    return undefined;
  }

  /** The trimmed cell text ('' when empty or absent); undefined when too long (already reported). */
  text(key: K): string | undefined {
    const i = this.index[key];
    if (i < 0) return '';
    const raw = this.cells[i];
    if (raw === undefined || raw === '') return '';
    const value = restoreNeutralised(raw.trim());
    if (value.length > MAX_CELL_LENGTH) return this.fail(key, `内容有 ${value.length} 个字符，超过上限 ${MAX_CELL_LENGTH}`);
    return value;
  }

  required(key: K): string | undefined {
    const value = this.text(key);
    if (value === '') return this.fail(key, '不能为空');
    return value;
  }

  /** null when empty. */
  optional(key: K): string | null | undefined {
    const value = this.text(key);
    return value === '' ? null : value;
  }

  /** A 12-digit administrative code (村代码/乡镇代码); xlsx numbers arrive as their digit string. */
  code(key: K): string | undefined {
    const value = this.required(key);
    return value === undefined ? undefined : this.checkCode(key, value);
  }

  optionalCode(key: K): string | null | undefined {
    const value = this.optional(key);
    return value === null || value === undefined ? value : this.checkCode(key, value);
  }

  /**
   * A natural key (户编号, 项目编号, 资产编号, 干部编号): any text, except a number Excel made of it
   * ("…0001.0", "4.11322E+15"): its digits may be lost, and a key must be exact.
   */
  key(key: K): string | undefined {
    const value = this.required(key);
    if (value === undefined) return undefined;
    const problem = numberFormattedKey(value);
    return problem === null ? value : this.fail(key, problem);
  }

  private checkCode(key: K, value: string): string | undefined {
    if (CODE_12.test(value)) return value.slice(0, 12);
    if (SCIENTIFIC.test(value)) {
      return this.fail(key, `${quote(value)} 被 Excel 显示成了科学计数法，应为 12 位数字代码（请把这一列设为“文本”格式后重新填写代码）`);
    }
    return this.fail(key, `${quote(value)} 应为 12 位数字代码`);
  }

  number(key: K, rule: NumberRule): number | undefined {
    const value = this.required(key);
    return value === undefined ? undefined : this.checkNumber(key, value, rule);
  }

  optionalNumber(key: K, rule: NumberRule): number | null | undefined {
    const value = this.optional(key);
    return value === null || value === undefined ? value : this.checkNumber(key, value, rule);
  }

  private checkNumber(key: K, value: string, rule: NumberRule): number | undefined {
    let n: number;
    let fraction = '';
    const plain = PLAIN_DECIMAL.exec(value);
    if (plain) {
      n = Number(value);
      fraction = plain[1] ?? '';
      if (value.length - (fraction === '' ? 0 : 1) <= 15 && (n === 0 || n >= 1e-6)) rememberNumberText(n, value);
    } else if (PLAIN_INTEGER.test(value)) {
      n = Number(value);
    } else {
      const m = NUMBER.exec(value);
      if (!m) return this.fail(key, `${quote(value)} 不是数字`);
      fraction = m[3] === undefined ? '' : m[3].replace(TRAILING_ZEROS, '');
      // `+ 0` turns -0 into 0 so "-0" and "0" are the same value everywhere, hashes included.
      n = Number(`${m[2].replaceAll(',', '')}${fraction ? `.${fraction}` : ''}`) + 0;
      if (m[1] === '-' && n !== 0) return this.fail(key, `${quote(value)} 不能为负数`);
    }
    if (rule.integer && fraction !== '') return this.fail(key, `${quote(value)} ${rule.rangeText}`);
    if (fraction.length > rule.maxDecimals) return this.fail(key, `${quote(value)} 最多保留 ${rule.maxDecimals} 位小数`);
    if (n < rule.min || n > rule.max) return this.fail(key, `${quote(value)} ${rule.rangeText}`);
    return n;
  }

  choice<T extends string>(key: K, allowed: readonly T[]): T | undefined {
    const value = this.required(key);
    if (value === undefined) return undefined;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    return this.fail(key, `${quote(value)} 不是允许的值，应为：${allowed.join('、')}`);
  }

  optionalChoice<T extends string>(key: K, allowed: readonly T[]): T | null | undefined {
    const value = this.optional(key);
    if (value === null || value === undefined) return value;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    return this.fail(key, `${quote(value)} 不是允许的值，应为：${allowed.join('、')}（不属于时留空）`);
  }

  /** 是/否 only: Y/N, 1/0, TRUE/FALSE are ambiguous in hand-kept rosters and are refused. */
  yesNo(key: K): boolean | undefined {
    const value = this.required(key);
    if (value === undefined) return undefined;
    if (value === '是') return true;
    if (value === '否') return false;
    return this.fail(key, `${quote(value)} 应为“是”或“否”`);
  }
}

/** Why a natural key is refused as a number a spreadsheet made of it, or null when it is not one. */
function numberFormattedKey(value: string): string | null {
  if (DIGITS_POINT_ZERO.test(value)) return `${quote(value)} 被 Excel 当作数字处理了（末尾多了 .0），请把这一列设为“文本”格式后重新导出`;
  if (EXCEL_SCIENTIFIC.test(value)) {
    return `${quote(value)} 被 Excel 当作数字处理了（显示成科学计数法；Excel 只保留 15 位有效数字，更长的编号后几位会变成 0），请把这一列设为“文本”格式，重新填写或从原系统重新导出后再上传`;
  }
  return null;
}

export const LNG_RULE: NumberRule = { min: 73, max: 136, maxDecimals: 8, rangeText: '超出中国境内经度范围（73 到 136）' };
export const LAT_RULE: NumberRule = { min: 3, max: 54, maxDecimals: 8, rangeText: '超出中国境内纬度范围（3 到 54）' };

/**
 * Reads an optional coordinate pair: both empty → nulls; one given → both required.
 * Returns undefined when a problem was reported.
 */
export function readOptionalPoint<K extends string>(r: RowReader<K>, lngKey: K, latKey: K): { lng: number | null; lat: number | null } | undefined {
  const lng = r.optionalNumber(lngKey, LNG_RULE);
  const lat = r.optionalNumber(latKey, LAT_RULE);
  if (lng === undefined || lat === undefined) return undefined;
  if (lng === null && lat !== null) return r.fail(lngKey, `已填写「${r.label[latKey]}」，也必须填写「${r.label[lngKey]}」（经纬度要么都填，要么都不填）`);
  if (lat === null && lng !== null) return r.fail(latKey, `已填写「${r.label[lngKey]}」，也必须填写「${r.label[latKey]}」（经纬度要么都填，要么都不填）`);
  return { lng, lat };
}

/** Whether a row holds every required column of a table (in any accepted spelling), as its header would. */
export function hasRequiredHeaders(spec: TableSpec<string>, cells: readonly string[]): boolean {
  const names = new Set(cells.map((cell) => normalizeHeader(cell)));
  return spec.columns.every((column) => column.optional || [column.header, ...column.aliases].some((name) => names.has(normalizeHeader(name))));
}

/**
 * Parses a table whose first row is the header. Collects every problem (up to MAX_PROBLEMS) in
 * one pass: header, cells, natural-key duplicates (a Map, so linear in the row count).
 */
export function parseTable<K extends string, T>(
  table: readonly (readonly string[])[],
  spec: TableSpec<K>,
  build: (r: RowReader<K>) => T | undefined,
): ParseResult<T> {
  const parser = new TableParser(spec, build);
  const records: T[] = [];
  for (const cells of table) {
    const record = parser.push(cells);
    if (record !== undefined) records.push(record);
  }
  const problems = parser.finish();
  return { records: problems.length === 0 ? records : [], problems };
}

/**
 * The parser behind `parseTable`, fed one row at a time so a large file can be validated as it is
 * read, with no table of cells kept: `push` answers a row's record while the file has shown no
 * problem so far (the import is all-or-nothing, so after the first problem records are no longer
 * built, only further problems collected), and `finish` answers every problem found.
 */
export class TableParser<K extends string, T> {
  private readonly problems = new ProblemList();
  /** Rows pushed so far, the header included: the spreadsheet row number of the last one. */
  private rows = 0;
  /** 'header': waiting for the header (or, after a blank first row, for any non-blank row). */
  private state: 'header' | 'blank-header' | 'rows' | 'stopped' = 'header';
  private dataRows = 0;
  private reader!: RowReader<K>;
  private headerWidth = 0;
  private keyAt = -1;
  private keyLabel = '';
  private readonly unnamed: number[] = [];
  /** Keys seen, with the row of each: in order while they arrive in order, else in a map. */
  private readonly sortedKeys: string[] = [];
  private readonly sortedRows: number[] = [];
  private lastKey: string | null = null;
  private firstRowOfKey: Map<string, number> | null = null;
  private readonly strayReported = new Set<number>();

  constructor(
    private readonly spec: TableSpec<K>,
    private readonly build: (r: RowReader<K>) => T | undefined,
    /** The worksheet the rows come from, named in problems with the header (see `TableRows.sheet`). */
    private readonly sheet?: string,
  ) {}

  /** The spreadsheet row number of the row pushed last (header = 1). */
  get row(): number {
    return this.rows;
  }

  /** Whether a problem has been found: no more records will be answered. */
  get failed(): boolean {
    return !this.problems.empty;
  }

  /** Reads the next row of the file; its record when the row is valid and no problem was found so far. */
  push(cells: readonly string[]): T | undefined {
    const row = ++this.rows;
    if (this.state === 'rows') return this.dataRow(cells, row);
    if (this.state === 'stopped') return undefined;
    if (this.state === 'header') {
      if (isBlankRow(cells)) this.state = 'blank-header';
      else this.header(cells);
      return undefined;
    }
    // A blank first row followed by data: the header is not where it must be.
    if (!isBlankRow(cells)) this.header([]);
    return undefined;
  }

  finish(): ImportProblem[] {
    if (this.state === 'header' || this.state === 'blank-header') this.problems.add(null, null, '文件为空');
    else if (this.state === 'rows' && this.dataRows === 0) this.problems.add(null, null, '文件只有表头，没有数据行');
    this.state = 'stopped';
    return this.problems.finish();
  }

  private header(headerRow: readonly string[]): void {
    const { spec, problems } = this;
    this.state = 'stopped';
    const byName = new Map<string, ColumnSpec<K>>();
    for (const column of spec.columns) {
      byName.set(normalizeHeader(column.header), column);
      for (const alias of column.aliases) byName.set(normalizeHeader(alias), column);
    }
    const index = {} as Record<K, number>;
    const label = {} as Record<K, string>;
    for (const column of spec.columns) {
      index[column.key] = -1;
      label[column.key] = column.header;
    }
    let recognised = 0;
    const unknown: { at: number; name: string }[] = [];
    headerRow.forEach((raw, at) => {
      const name = raw.replace(/^\uFEFF/, '').trim();
      if (name === '') {
        this.unnamed.push(at);
        return;
      }
      const column = byName.get(normalizeHeader(name));
      if (!column) {
        unknown.push({ at, name });
        return;
      }
      const first = index[column.key];
      if (first >= 0) {
        problems.add(1, name, `第 1 行「${name}」：列名重复（第 ${columnLetter(first)} 列与第 ${columnLetter(at)} 列都是「${column.header}」），请删除多余的一列`);
        return;
      }
      index[column.key] = at;
      label[column.key] = name;
      recognised++;
    });

    const allHeaders = spec.columns.map((c) => c.header).join('、');
    // In a workbook of several worksheets, say which one was read.
    const rowOne = this.sheet === undefined ? '第 1 行' : `工作表「${this.sheet}」第 1 行`;
    if (recognised === 0) {
      problems.add(1, null, `${rowOne}应为表头，但没有找到任何可识别的列名（应为：${allHeaders}）。如果表头上方还有标题行，请先删除标题行`);
      return;
    }
    for (const { name } of unknown) {
      problems.add(1, name, `第 1 行「${name}」：不认识的列名，请删除这一列或改为以下列名之一：${allHeaders}`);
    }
    const requiredHeaders = spec.columns.filter((c) => !c.optional).map((c) => c.header).join('、');
    let missing = false;
    for (const column of spec.columns) {
      if (!column.optional && index[column.key] < 0) {
        missing = true;
        problems.add(1, column.header, `${rowOne}：缺少必填列「${column.header}」。必填列为：${requiredHeaders}`);
      }
    }
    // Without a required column every row would repeat the same complaint: fix the header first.
    if (missing) return;

    this.reader = new RowReader<K>(problems, index, label);
    this.headerWidth = headerRow.length;
    this.keyAt = index[spec.keyColumn];
    this.keyLabel = label[spec.keyColumn];
    this.state = 'rows';
  }

  private dataRow(cells: readonly string[], row: number): T | undefined {
    if (isBlankRow(cells)) return undefined;
    const { reader, problems } = this;
    this.dataRows++;
    reader.reset(cells, row);

    for (const at of this.unnamed) this.reportStray(cells, at, row);
    for (let at = this.headerWidth; at < cells.length; at++) this.reportStray(cells, at, row);

    const key = this.comparableKey(cells);
    if (key !== null) {
      const earlier = this.earlierRowOf(key, row);
      if (earlier !== undefined) {
        reader.ok = false;
        problems.add(row, this.keyLabel, `第 ${row} 行「${this.keyLabel}」：${quote(key)} 与第 ${earlier} 行重复`);
      }
    }
    const record = this.build(reader);
    return reader.ok && record !== undefined && problems.empty ? record : undefined;
  }

  /**
   * The row's key as its record will hold it (the apostrophe of a neutralised formula removed, a
   * code's ".0" dropped), so two rows whose records would share a key are reported here; null when
   * empty or when it will be refused as a number a spreadsheet made of it (Excel's rounded digits
   * would only repeat each other).
   */
  private comparableKey(cells: readonly string[]): string | null {
    const key = restoreNeutralised((cells[this.keyAt] ?? '').trim());
    if (key === '') return null;
    if (this.spec.codeKey) return CODE_12.test(key) ? key.slice(0, 12) : key;
    return numberFormattedKey(key) === null ? key : null;
  }

  /**
   * The row where `key` first appeared, or undefined (and `key` is noted as seen in `row`). While
   * keys arrive in increasing order — a roster exported sorted by its key — none can repeat, and
   * the last one is all there is to remember; the first key out of order starts the map of all.
   */
  private earlierRowOf(key: string, row: number): number | undefined {
    if (this.firstRowOfKey === null) {
      if (this.lastKey === null || this.lastKey < key) {
        this.sortedKeys.push(key);
        this.sortedRows.push(row);
        this.lastKey = key;
        return undefined;
      }
      this.firstRowOfKey = new Map();
      for (let i = 0; i < this.sortedKeys.length; i++) this.firstRowOfKey.set(this.sortedKeys[i], this.sortedRows[i]);
      this.sortedKeys.length = 0;
      this.sortedRows.length = 0;
    }
    const earlier = this.firstRowOfKey.get(key);
    if (earlier === undefined) this.firstRowOfKey.set(key, row);
    return earlier;
  }

  private reportStray(cells: readonly string[], at: number, row: number): void {
    if (this.strayReported.has(at) || (cells[at] ?? '').trim() === '') return;
    this.strayReported.add(at);
    const letter = columnLetter(at);
    this.problems.add(row, letter, `第 ${row} 行第 ${letter} 列：这一列没有列名，却填写了 ${quote(cells[at].trim())}，请补上列名或删除这一列`);
  }
}
