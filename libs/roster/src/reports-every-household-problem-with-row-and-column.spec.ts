import { describe, expect, it } from 'vitest';

import { households } from './__fixtures__/roster.js';
import { HOUSEHOLD_HEADERS, householdsToRows, parseHouseholdTable, rosterTableParser } from './index.js';

type Header = (typeof HOUSEHOLD_HEADERS)[number];

/** The fixture households as a table, with the given cells of data row `row` (spreadsheet numbering) replaced. */
function tableWith(edits: { row: number; set: Partial<Record<Header, string>> }[] = []): string[][] {
  const table = householdsToRows(households);
  for (const { row, set } of edits) {
    for (const [header, value] of Object.entries(set)) table[row - 1][HOUSEHOLD_HEADERS.indexOf(header as Header)] = value;
  }
  return table;
}

function problemsOf(table: string[][]) {
  return parseHouseholdTable(table).problems;
}

describe('parseHouseholdTable', () => {
  it('returns every household of a valid file in file order', () => {
    const { records, problems } = parseHouseholdTable(tableWith());
    expect(problems).toEqual([]);
    expect(records).toEqual(households);
  });

  it('reports a non-numeric income with row, column and a self-contained message', () => {
    expect(problemsOf(tableWith([{ row: 3, set: { 人均纯收入: 'abc' } }]))).toEqual([
      { row: 3, column: '人均纯收入', message: '第 3 行「人均纯收入」：“abc” 不是数字' },
    ]);
  });

  it('accepts Excel number spellings "7,500" and "7500.0"', () => {
    const { records, problems } = parseHouseholdTable(tableWith([{ row: 2, set: { 人均纯收入: '7,500' } }, { row: 3, set: { 人均纯收入: '7500.0', 家庭人口数: '3.0' } }]));
    expect(problems).toEqual([]);
    expect(records.map((h) => h.incomePerCapita)).toEqual([7500, 7500, 12000]);
    expect(records[1].members).toBe(3);
  });

  it('refuses negative income and members outside 1–50 or not whole', () => {
    const problems = problemsOf(
      tableWith([
        { row: 2, set: { 人均纯收入: '-5' } },
        { row: 3, set: { 家庭人口数: '0' } },
        { row: 4, set: { 家庭人口数: '2.5' } },
      ]),
    );
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [2, '人均纯收入'],
      [3, '家庭人口数'],
      [4, '家庭人口数'],
    ]);
    expect(problems[0].message).toContain('不能为负数');
    expect(problems[1].message).toBe('第 3 行「家庭人口数」：“0” 应为 1 到 50 之间的整数');
    expect(problems[2].message).toBe('第 4 行「家庭人口数」：“2.5” 应为 1 到 50 之间的整数');
    expect(problemsOf(tableWith([{ row: 2, set: { 家庭人口数: '51' } }]))[0].message).toContain('1 到 50');
  });

  it('requires a 12-digit 村代码 and explains codes mangled into scientific notation', () => {
    const problems = problemsOf(tableWith([{ row: 2, set: { 村代码: '41132210100' } }, { row: 3, set: { 村代码: '4.11322E+11' } }]));
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [2, '村代码'],
      [3, '村代码'],
    ]);
    expect(problems[0].message).toBe('第 2 行「村代码」：“41132210100” 应为 12 位数字代码');
    expect(problems[1].message).toContain('科学计数法');
  });

  it('treats a code written as a number with ".0" as its digit string', () => {
    const { records, problems } = parseHouseholdTable(tableWith([{ row: 2, set: { 村代码: '411322101001.0' } }]));
    expect(problems).toEqual([]);
    expect(records[0].villageCode).toBe('411322101001');
  });

  it('lists the allowed values of 户类型 and 监测对象类别', () => {
    const problems = problemsOf(tableWith([{ row: 2, set: { 户类型: '贫困户' } }, { row: 3, set: { 监测对象类别: '低收入户' } }]));
    expect(problems[0]).toEqual({ row: 2, column: '户类型', message: '第 2 行「户类型」：“贫困户” 不是允许的值，应为：脱贫户、监测户、一般农户' });
    expect(problems[1].column).toBe('监测对象类别');
    expect(problems[1].message).toContain('脱贫不稳定户、边缘易致贫户、突发严重困难户');
  });

  it('accepts only 是/否 in yes/no columns and says so', () => {
    const problems = problemsOf(tableWith([{ row: 2, set: { 是否低保户: 'Y' } }, { row: 4, set: { 是否独居高龄老人: '1' } }]));
    expect(problems).toEqual([
      { row: 2, column: '是否低保户', message: '第 2 行「是否低保户」：“Y” 应为“是”或“否”' },
      { row: 4, column: '是否独居高龄老人', message: '第 4 行「是否独居高龄老人」：“1” 应为“是”或“否”' },
    ]);
  });

  it('requires a monitoring category for a 监测户 and forbids one on a 一般农户', () => {
    const problems = problemsOf(tableWith([{ row: 3, set: { 监测对象类别: '' } }, { row: 4, set: { 监测对象类别: '突发严重困难户' } }]));
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [3, '监测对象类别'],
      [4, '监测对象类别'],
    ]);
    expect(problems[0].message).toContain('户类型为“监测户”，必须填写监测对象类别');
    expect(problems[1].message).toContain('户类型为“一般农户”，不应填写监测对象类别');
  });

  it('reports an empty required cell', () => {
    expect(problemsOf(tableWith([{ row: 2, set: { 户主姓名: '  ' } }]))).toEqual([{ row: 2, column: '户主姓名', message: '第 2 行「户主姓名」：不能为空' }]);
  });

  it('reports a cell longer than 200 characters', () => {
    const problems = problemsOf(tableWith([{ row: 2, set: { 户主姓名: '张'.repeat(201) } }]));
    expect(problems).toEqual([{ row: 2, column: '户主姓名', message: '第 2 行「户主姓名」：内容有 201 个字符，超过上限 200' }]);
  });

  it('names the earlier row of a duplicate 户编号', () => {
    expect(problemsOf(tableWith([{ row: 4, set: { 户编号: 'H0001' } }]))).toEqual([
      { row: 4, column: '户编号', message: '第 4 行「户编号」：“H0001” 与第 2 行重复' },
    ]);
  });

  it('names the earlier row of a duplicate whether the keys come in order, out of order, or in order and then not', () => {
    const keyed = (keys: string[]) => {
      const rows = householdsToRows(households.slice(0, 1));
      for (const key of keys) rows.push([key, ...rows[1].slice(1)]);
      return problemsOf(rows.slice(0, 1).concat(rows.slice(2))).map((p) => p.message);
    };
    expect(keyed(['A1', 'A2', 'A2', 'A3'])).toEqual(['第 4 行「户编号」：“A2” 与第 3 行重复']);
    expect(keyed(['B', 'A', 'C', 'A', 'B'])).toEqual(['第 5 行「户编号」：“A” 与第 3 行重复', '第 6 行「户编号」：“B” 与第 2 行重复']);
    // Sorted for five rows, then a key seen in the sorted run, then one after it again.
    expect(keyed(['K1', 'K2', 'K3', 'K4', 'K5', 'K2', 'K6', 'K5', 'K6'])).toEqual([
      '第 7 行「户编号」：“K2” 与第 3 行重复',
      '第 9 行「户编号」：“K5” 与第 6 行重复',
      '第 10 行「户编号」：“K6” 与第 8 行重复',
    ]);
  });

  it('needs both coordinates or neither, inside China', () => {
    const problems = problemsOf(
      tableWith([
        { row: 2, set: { 纬度: '' } },
        { row: 3, set: { 经度: '113.1' } },
        { row: 4, set: { 经度: '150', 纬度: '60' } },
      ]),
    );
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [2, '纬度'],
      [3, '纬度'],
      [4, '经度'],
      [4, '纬度'],
    ]);
    expect(problems[0].message).toContain('已填写「经度」，也必须填写「纬度」');
    expect(problems[2].message).toContain('73 到 136');
    expect(problems[3].message).toContain('3 到 54');
  });

  it('accepts a file without the optional 经度/纬度 columns', () => {
    const table = tableWith().map((row) => row.slice(0, 14));
    const { records, problems } = parseHouseholdTable(table);
    expect(problems).toEqual([]);
    expect(records.every((h) => h.lng === null && h.lat === null)).toBe(true);
  });

  it('reports a missing required column on row 1 and lists the required columns', () => {
    const table = tableWith().map((row) => row.filter((_, i) => i !== HOUSEHOLD_HEADERS.indexOf('人均纯收入')));
    const problems = problemsOf(table);
    expect(problems).toHaveLength(1);
    expect(problems[0].row).toBe(1);
    expect(problems[0].column).toBe('人均纯收入');
    expect(problems[0].message).toContain('缺少必填列「人均纯收入」');
    expect(problems[0].message).toContain('户编号、户主姓名');
  });

  it('reports unknown and duplicate headers', () => {
    const table = tableWith().map((row, i) => [...row, i === 0 ? '备注' : '', i === 0 ? 'head_name' : row[1]]);
    const problems = problemsOf(table);
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [1, 'head_name'],
      [1, '备注'],
    ]);
    expect(problems[0].message).toContain('列名重复（第 B 列与第 R 列都是「户主姓名」）');
    expect(problems[1].message).toContain('不认识的列名');
  });

  it('reports data under a column without a header by its column letter', () => {
    const table = tableWith().map((row, i) => (i === 2 ? [...row, '', '多余内容'] : row));
    expect(problemsOf(table)).toEqual([{ row: 3, column: 'R', message: '第 3 行第 R 列：这一列没有列名，却填写了 “多余内容”，请补上列名或删除这一列' }]);
  });

  it('matches English aliases and ignores surrounding spaces, a BOM and the kind of parentheses', () => {
    const english = ['household_no', 'head_name', 'town', 'village', 'village_code', 'household_type', 'monitoring_category', 'dibao', 'tekun', 'severe_disability', 'serious_illness', 'elderly_alone', 'members', 'income_per_capita', 'lng', 'lat'];
    const table = tableWith();
    table[0] = english.map((h, i) => (i === 0 ? `\uFEFF ${h} ` : h.toUpperCase()));
    const { records, problems } = parseHouseholdTable(table);
    expect(problems).toEqual([]);
    expect(records).toEqual(households);
  });

  it('uses the header as written in the file as the problem column', () => {
    const table = tableWith([{ row: 2, set: { 人均纯收入: 'abc' } }]);
    table[0][HOUSEHOLD_HEADERS.indexOf('人均纯收入')] = 'income_per_capita';
    expect(problemsOf(table)).toEqual([{ row: 2, column: 'income_per_capita', message: '第 2 行「income_per_capita」：“abc” 不是数字' }]);
  });

  it('says the file has no data rows when only the header is there', () => {
    expect(problemsOf([[...HOUSEHOLD_HEADERS], ['', '']])).toEqual([{ row: null, column: null, message: '文件只有表头，没有数据行' }]);
  });

  it('asks to remove a title row when row 1 holds no known header', () => {
    const problems = problemsOf([['方城县农户花名册'], [...HOUSEHOLD_HEADERS]]);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toContain('请先删除标题行');
  });

  it('names the worksheet in problems with the header when the rows come from one of several', () => {
    const titled = rosterTableParser('households', '说明');
    for (const cells of [['方城县农户花名册'], [...HOUSEHOLD_HEADERS]]) titled.push(cells);
    expect(titled.finish()).toEqual([{ row: 1, column: null, message: expect.stringMatching(/^工作表「说明」第 1 行应为表头，但没有找到任何可识别的列名/) }]);
    const missing = rosterTableParser('households', '农户');
    for (const cells of tableWith().map((row) => row.slice(1))) missing.push(cells);
    expect(missing.finish()).toEqual([{ row: 1, column: '户编号', message: expect.stringMatching(/^工作表「农户」第 1 行：缺少必填列「户编号」/) }]);
  });

  it('skips blank rows in the middle but keeps spreadsheet row numbers', () => {
    const table = tableWith();
    table.splice(2, 0, ['', ' ']);
    table[3][HOUSEHOLD_HEADERS.indexOf('人均纯收入')] = 'x';
    expect(problemsOf(table).map((p) => p.row)).toEqual([4]);
  });

  it('returns no records at all when any row has a problem (all-or-nothing)', () => {
    const { records, problems } = parseHouseholdTable(tableWith([{ row: 4, set: { 是否特困户: '不是' } }]));
    expect(problems).toHaveLength(1);
    expect(records).toEqual([]);
  });

  it('refuses a 户编号 a number format turned into "….0" or scientific notation, with a hint to format the column as text', () => {
    const problems = problemsOf(tableWith([{ row: 2, set: { 户编号: '4113221012000001.0' } }, { row: 3, set: { 户编号: '4.11322E+15' } }]));
    expect(problems).toEqual([
      { row: 2, column: '户编号', message: '第 2 行「户编号」：“4113221012000001.0” 被 Excel 当作数字处理了（末尾多了 .0），请把这一列设为“文本”格式后重新导出' },
      { row: 3, column: '户编号', message: expect.stringContaining('第 3 行「户编号」：“4.11322E+15” 被 Excel 当作数字处理了（显示成科学计数法；Excel 只保留 15 位有效数字') },
    ]);
    // Keys that merely look like numbers are text, as they always were.
    expect(parseHouseholdTable(tableWith([{ row: 2, set: { 户编号: '4113221012000001' } }, { row: 3, set: { 户编号: 'H1.0' } }])).problems).toEqual([]);
  });

  it('reports each key Excel rounded to 15 digits once, not as duplicates of each other', () => {
    const rounded = ['4.113221012E+15', '4.113221012E+15', '4.113221012E+15'];
    const problems = problemsOf(tableWith(rounded.map((key, i) => ({ row: i + 2, set: { 户编号: key } }))));
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [2, '户编号'],
      [3, '户编号'],
      [4, '户编号'],
    ]);
    expect(problems.some((p) => p.message.includes('重复'))).toBe(false);
  });

  it('compares 户编号 as the records hold them: "\'=A1" and "=A1" are the same key', () => {
    expect(problemsOf(tableWith([{ row: 2, set: { 户编号: "'=A1" } }, { row: 3, set: { 户编号: '=A1' } }]))).toEqual([
      { row: 3, column: '户编号', message: '第 3 行「户编号」：“=A1” 与第 2 行重复' },
    ]);
  });

  it('lists at most 200 problems, then says how many more there are', () => {
    const table = [[...HOUSEHOLD_HEADERS], ...Array.from({ length: 250 }, (_, i) => [...householdsToRows(households)[1]].map((c, j) => (j === 0 ? `X${i}` : j === 13 ? 'abc' : c)))];
    const problems = problemsOf(table);
    expect(problems).toHaveLength(201);
    expect(problems[199]).toMatchObject({ row: 201, column: '人均纯收入' });
    expect(problems[200]).toEqual({ row: null, column: null, message: '另有 50 个问题未列出（只列出前 200 个），请改正后重新上传查看' });
  });
});
