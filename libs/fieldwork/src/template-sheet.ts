/**
 * Templates as spreadsheet rows, for the admin's xlsx export/import (the API reads and writes the
 * file; this module only maps rows, so the mapping is tested without a workbook).
 */
import { CADRE_ROLES, type CadreRole } from '@lookback/contracts';
import type { ProblemType } from './problem-types.js';
import { validateTemplate, type ChecklistItem, type ChecklistTemplate } from './template.js';

/** Column headers, in order. */
export const TEMPLATE_SHEET_HEADERS = ['编号', '序号', '类别', '分项', '排查内容', '核查要点', '问题答案', '问题类型', '责任单位', '访谈对象', '出处'] as const;

/** Header row first, then one row per item in template order. */
export function templateToRows(t: ChecklistTemplate): string[][] {
  const items = [...t.items].sort((a, b) => a.order - b.order);
  return [
    [...TEMPLATE_SHEET_HEADERS],
    ...items.map((i) => [
      i.id,
      String(i.order),
      i.category ?? '',
      i.subArea ?? '',
      i.text,
      i.guidance ?? '',
      i.problemWhen === 'yes' ? '是' : '否',
      i.defaultProblemType,
      i.responsibleUnit ?? '',
      (i.roles ?? []).join('、'),
      i.source ?? '',
    ]),
  ];
}

export interface TemplateImport {
  template: ChecklistTemplate;
  /** Chinese messages with the spreadsheet row (header = row 1); the template is unusable unless empty. */
  problems: string[];
}

/** Reads rows written by templateToRows (header row first) into a template with the given header fields. */
export function templateFromRows(header: Omit<ChecklistTemplate, 'items'>, rows: readonly (readonly unknown[])[]): TemplateImport {
  const problems: string[] = [];
  const head = (rows[0] ?? []).map((c) => String(c ?? '').trim());
  const col = new Map<string, number>(head.map((h, i) => [h, i]));
  const missing = TEMPLATE_SHEET_HEADERS.filter((h) => ['编号', '序号', '排查内容', '问题答案', '问题类型'].includes(h) && !col.has(h));
  if (missing.length > 0) {
    return { template: { ...header, items: [] }, problems: [`第 1 行缺少列：${missing.join('、')}`] };
  }
  const cell = (row: readonly unknown[], name: string): string => {
    const i = col.get(name);
    return i === undefined ? '' : String(row[i] ?? '').trim();
  };
  const items: ChecklistItem[] = [];
  rows.slice(1).forEach((row, index) => {
    const at = `第 ${index + 2} 行`;
    if (row.every((c) => String(c ?? '').trim() === '')) return;
    const answer = cell(row, '问题答案');
    if (answer !== '是' && answer !== '否') problems.push(`${at}：问题答案应为“是”或“否”`);
    const roles = cell(row, '访谈对象')
      .split(/[、,，\s]+/)
      .filter((r) => r !== '');
    const badRoles = roles.filter((r) => !(CADRE_ROLES as readonly string[]).includes(r));
    if (badRoles.length > 0) problems.push(`${at}：访谈对象“${badRoles.join('、')}”不是已知的干部角色`);
    const item: ChecklistItem = {
      id: cell(row, '编号'),
      order: Number(cell(row, '序号')),
      text: cell(row, '排查内容'),
      problemWhen: answer === '否' ? 'no' : 'yes',
      defaultProblemType: cell(row, '问题类型') as ProblemType,
    };
    for (const [key, name] of [
      ['category', '类别'],
      ['subArea', '分项'],
      ['guidance', '核查要点'],
      ['responsibleUnit', '责任单位'],
      ['source', '出处'],
    ] as const) {
      const v = cell(row, name);
      if (v) item[key] = v;
    }
    if (roles.length > 0) item.roles = roles as CadreRole[];
    items.push(item);
  });
  const template: ChecklistTemplate = { ...header, items };
  problems.push(...validateTemplate(template));
  return { template, problems };
}
