/**
 * Checklist templates (排查表) as data. Admins edit them (xlsx round trip: template-sheet.ts) and
 * every stop record names the template id and version it was filled against, so an answer is
 * always read against the wording the inspector saw.
 */
import type { CadreRole } from '@lookback/contracts';
import { PROBLEM_TYPES, type ProblemType } from './problem-types.js';

/** What a template is filled for; the same words as StopRecord.stopKind. */
export const TEMPLATE_KINDS = ['household', 'village', 'project', 'asset', 'documents', 'interview'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/** An inspector's answer to one item: 是 / 否 / 不适用. */
export const ANSWER_VALUES = ['yes', 'no', 'na'] as const;
export type AnswerValue = (typeof ANSWER_VALUES)[number];

/** Labels shown on the phone and in exports. */
export const ANSWER_LABELS: Readonly<Record<AnswerValue, string>> = { yes: '是', no: '否', na: '不适用' };

export interface ChecklistItem {
  /** Stable across versions (e.g. 'fc-h-01'); answers and conflicts refer to it. */
  id: string;
  /** 1-based display order (序号). */
  order: number;
  /** 类别 (襄城: 责任落实 / 政策落实 / 工作落实). */
  category?: string;
  /** 分项 / 事项 (襄城 sub-area, 方城 事项 such as 住房保障). */
  subArea?: string;
  /** The check in the source document's words. */
  text: string;
  /** What to look at, and which answer counts as a problem where the text mixes both. */
  guidance?: string;
  /**
   * Which answer is a finding (发现问题). Checks phrased "是否存在…问题" find a problem on 'yes';
   * checks phrased "是否落实/是否达标" find one on 'no'.
   */
  problemWhen: 'yes' | 'no';
  /** 问题类型 suggested when a problem is recorded; the inspector may change it. */
  defaultProblemType: ProblemType;
  /** 责任单位 (襄城 lists one per item). */
  responsibleUnit?: string;
  /** Interview prompts: the cadre roles (访谈对象) the prompt is for. */
  roles?: CadreRole[];
  /** Where a composite template took the item from. */
  source?: string;
}

export interface ChecklistTemplate {
  id: string;
  /** Integer, raised on every edit; records keep the version they were filled against. */
  version: number;
  kind: TemplateKind;
  title: string;
  source: { document: string; section: string };
  items: ChecklistItem[];
}

/** Everything wrong with a template, in Chinese for the admin who edited it; empty when valid. */
export function validateTemplate(t: ChecklistTemplate): string[] {
  const problems: string[] = [];
  if (!t.id || !t.id.trim()) problems.push('模板编号不能为空');
  if (!Number.isInteger(t.version) || t.version < 1) problems.push(`模板版本应为正整数，实为 ${String(t.version)}`);
  if (!(TEMPLATE_KINDS as readonly string[]).includes(t.kind)) problems.push(`模板类型“${String(t.kind)}”无效`);
  if (!t.title || !t.title.trim()) problems.push('模板标题不能为空');
  if (!t.source || !t.source.document || !t.source.document.trim()) problems.push('模板出处不能为空');
  if (!Array.isArray(t.items) || t.items.length === 0) {
    problems.push('模板没有任何排查项目');
    return problems;
  }
  const ids = new Set<string>();
  const orders = new Set<number>();
  for (const [i, item] of t.items.entries()) {
    const at = `第 ${i + 1} 项（${item.id || '无编号'}）`;
    if (!item.id || !item.id.trim()) problems.push(`${at}：编号不能为空`);
    else if (ids.has(item.id)) problems.push(`${at}：编号重复`);
    else ids.add(item.id);
    if (!Number.isInteger(item.order) || item.order < 1) problems.push(`${at}：序号应为正整数`);
    else if (orders.has(item.order)) problems.push(`${at}：序号 ${item.order} 重复`);
    else orders.add(item.order);
    if (!item.text || !item.text.trim()) problems.push(`${at}：排查内容不能为空`);
    if (item.problemWhen !== 'yes' && item.problemWhen !== 'no') problems.push(`${at}：问题答案应为“是”或“否”`);
    if (!(PROBLEM_TYPES as readonly string[]).includes(item.defaultProblemType)) {
      problems.push(`${at}：问题类型“${String(item.defaultProblemType)}”不在 ${PROBLEM_TYPES.length} 类之内`);
    }
  }
  return problems;
}

/** The item of a template by id, or undefined. */
export function templateItem(t: ChecklistTemplate, itemId: string): ChecklistItem | undefined {
  return t.items.find((item) => item.id === itemId);
}
