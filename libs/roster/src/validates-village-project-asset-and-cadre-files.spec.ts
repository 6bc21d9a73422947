import { describe, expect, it } from 'vitest';

import { assets, cadres, projects, villages } from './__fixtures__/roster.js';
import {
  assetsToRows,
  cadresToRows,
  parseAssetTable,
  parseCadreTable,
  parseProjectTable,
  parseVillageTable,
  projectsToRows,
  villagesToRows,
} from './index.js';

function edit(table: string[][], row: number, header: string, value: string): string[][] {
  const copy = table.map((r) => [...r]);
  copy[row - 1][copy[0].indexOf(header)] = value;
  return copy;
}

describe('parseVillageTable', () => {
  it('reads a valid villages file', () => {
    expect(parseVillageTable(villagesToRows(villages))).toEqual({ records: villages, problems: [] });
  });

  it('requires 经度/纬度 for every village and a known 村类型', () => {
    let table = edit(villagesToRows(villages), 2, '纬度', '');
    table = edit(table, 3, '村类型', '重点村');
    expect(parseVillageTable(table).problems).toEqual([
      { row: 2, column: '纬度', message: '第 2 行「纬度」：不能为空' },
      { row: 3, column: '村类型', message: '第 3 行「村类型」：“重点村” 不是允许的值，应为：脱贫村、一般村' },
    ]);
  });

  it('requires 12-digit 乡镇代码 and unique 村代码', () => {
    let table = edit(villagesToRows(villages), 2, '乡镇代码', '411322101');
    table = edit(table, 3, '村代码', villages[0].code);
    expect(parseVillageTable(table).problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [2, '乡镇代码', '第 2 行「乡镇代码」：“411322101” 应为 12 位数字代码'],
      [3, '村代码', '第 3 行「村代码」：“411322101001” 与第 2 行重复'],
    ]);
  });

  it('finds a duplicate 村代码 written once as a number with ".0", as it is read as the same code', () => {
    const table = edit(villagesToRows(villages), 3, '村代码', `${villages[0].code}.0`);
    expect(parseVillageTable(table).problems).toEqual([{ row: 3, column: '村代码', message: `第 3 行「村代码」：“${villages[0].code}” 与第 2 行重复` }]);
  });
});

describe('natural keys of projects, assets and cadres', () => {
  it('are refused when Excel made a number of them ("….0", scientific notation)', () => {
    const project = parseProjectTable(edit(projectsToRows(projects), 2, '项目编号', '2023001.0')).problems;
    const asset = parseAssetTable(edit(assetsToRows(assets), 3, '资产编号', '1.23457E+17')).problems;
    const cadre = parseCadreTable(edit(cadresToRows(cadres), 2, '干部编号', '42.00')).problems;
    expect([...project, ...asset, ...cadre].map((p) => [p.row, p.column, p.message.split('：')[1].split('（')[0]])).toEqual([
      [2, '项目编号', '“2023001.0” 被 Excel 当作数字处理了'],
      [3, '资产编号', '“1.23457E+17” 被 Excel 当作数字处理了'],
      [2, '干部编号', '“42.00” 被 Excel 当作数字处理了'],
    ]);
  });
});

describe('parseProjectTable', () => {
  it('reads a valid projects file, an empty 村代码 being a town-level project', () => {
    const { records, problems } = parseProjectTable(projectsToRows(projects));
    expect(problems).toEqual([]);
    expect(records).toEqual(projects);
    expect(records[1].villageCode).toBeNull();
  });

  it('accepts 资金规模(万元) with ASCII parentheses and amounts like "1,200.5"', () => {
    let table = projectsToRows(projects);
    table[0][6] = '资金规模(万元)';
    table = edit(table, 2, '资金规模(万元)', '1,200.5');
    const { records, problems } = parseProjectTable(table);
    expect(problems).toEqual([]);
    expect(records[0].amountWan).toBe(1200.5);
  });

  it('refuses a non-numeric amount, a negative amount and a bad year', () => {
    let table = edit(projectsToRows(projects), 2, '资金规模（万元）', '八十万');
    table = edit(table, 3, '资金规模（万元）', '-3');
    table = edit(table, 3, '年度', '23');
    expect(parseProjectTable(table).problems).toEqual([
      { row: 2, column: '资金规模（万元）', message: '第 2 行「资金规模（万元）」：“八十万” 不是数字' },
      { row: 3, column: '年度', message: '第 3 行「年度」：“23” 应为 2000 到 2100 之间的年份，如 2023' },
      { row: 3, column: '资金规模（万元）', message: '第 3 行「资金规模（万元）」：“-3” 不能为负数' },
    ]);
  });
});

describe('parseAssetTable', () => {
  it('reads a valid assets file', () => {
    expect(parseAssetTable(assetsToRows(assets))).toEqual({ records: assets, problems: [] });
  });

  it('allows only 经营性/公益性 as 资产类型 and a 12-digit 村代码', () => {
    let table = edit(assetsToRows(assets), 2, '资产类型', '经营');
    table = edit(table, 3, '村代码', '');
    expect(parseAssetTable(table).problems).toEqual([
      { row: 2, column: '资产类型', message: '第 2 行「资产类型」：“经营” 不是允许的值，应为：经营性、公益性' },
      { row: 3, column: '村代码', message: '第 3 行「村代码」：不能为空' },
    ]);
  });

  it('finds a duplicate 资产编号 among many rows', () => {
    const header = assetsToRows([])[0];
    const rows = Array.from({ length: 5000 }, (_, i) => [`ZC-${i}`, '光伏电站', '经营性', '411322101001', '', '']);
    rows.push(['ZC-1234', '光伏电站', '经营性', '411322101001', '', '']);
    expect(parseAssetTable([header, ...rows]).problems).toEqual([{ row: 5002, column: '资产编号', message: '第 5002 行「资产编号」：“ZC-1234” 与第 1236 行重复' }]);
  });
});

describe('parseCadreTable', () => {
  it('reads a valid cadres file with and without phones', () => {
    expect(parseCadreTable(cadresToRows(cadres))).toEqual({ records: cadres, problems: [] });
  });

  it('allows only the known 职务 and valid phone numbers', () => {
    let table = edit(cadresToRows(cadres), 2, '职务', '村主任');
    table = edit(table, 3, '联系电话', '12345');
    const problems = parseCadreTable(table).problems;
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [2, '职务'],
      [3, '联系电话'],
    ]);
    expect(problems[0].message).toContain('第一书记、驻村工作队员、村党支部书记、村两委成员、乡村振兴专干、网格员、帮扶责任人');
    expect(problems[1].message).toContain('“12345” 不是有效的电话号码');
  });

  it('accepts a file without the optional 联系电话 column', () => {
    const table = cadresToRows(cadres).map((r) => r.slice(0, 4));
    expect(parseCadreTable(table).records.map((c) => c.phone)).toEqual([null, null, null]);
  });
});
