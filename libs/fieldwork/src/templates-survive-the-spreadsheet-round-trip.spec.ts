import { describe, expect, it } from 'vitest';
import { CADRE_INTERVIEW, DEFAULT_TEMPLATES, TEMPLATE_SHEET_HEADERS, templateFromRows, templateToRows } from './index.js';

describe('template ⇄ spreadsheet rows', () => {
  it.each(DEFAULT_TEMPLATES.map((t) => [t.id, t] as const))('%s reads back equal to itself', (_id, t) => {
    const { items: _items, ...header } = t;
    const { template, problems } = templateFromRows(header, templateToRows(t));
    expect(problems).toEqual([]);
    expect(template).toEqual(t);
  });

  it('reports bad cells with their spreadsheet row', () => {
    const rows = templateToRows(CADRE_INTERVIEW);
    rows[2][TEMPLATE_SHEET_HEADERS.indexOf('问题答案')] = '有';
    rows[3][TEMPLATE_SHEET_HEADERS.indexOf('访谈对象')] = '村长';
    rows.push(['', '', '', '', '', '', '', '', '', '', '']);
    const { items: _items, ...header } = CADRE_INTERVIEW;
    expect(templateFromRows(header, rows).problems).toEqual(['第 3 行：问题答案应为“是”或“否”', '第 4 行：访谈对象“村长”不是已知的干部角色']);
  });

  it('refuses a sheet without the required columns', () => {
    const { items: _items, ...header } = CADRE_INTERVIEW;
    expect(templateFromRows(header, [['编号', '排查内容']]).problems).toEqual(['第 1 行缺少列：序号、问题答案、问题类型']);
  });
});
