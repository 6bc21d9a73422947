/**
 * What an inspector records at one stop (入户 / 项目 / 资产 / 村 / 查阅资料 / 访谈) on the phone,
 * offline, and the rules a record must satisfy before it counts.
 */
import type { Conflict } from './merge.js';
import { isFiniteNumber, isIsoTimestamp, isUuid, positionProblems } from './checks.js';
import { PROBLEM_TYPES, SEVERITIES, type ProblemType, type Severity } from './problem-types.js';
import { ANSWER_VALUES, type AnswerValue, type ChecklistTemplate, type TemplateKind } from './template.js';
import { HOUSEHOLD_FIGURE_KEYS, type HouseholdFigures } from './figures.js';

/** 发现问题 — a finding attached to an answer. */
export interface Problem {
  /** 问题描述 */
  description: string;
  /** 问题类型 */
  problemType: ProblemType;
  /** 严重程度 */
  severity: Severity;
}

export interface ItemAnswer {
  itemId: string;
  value: AnswerValue;
  /** Required exactly when `value` is the item's problemWhen. */
  problem?: Problem;
  /** Free remark (访谈 notes, what was seen). */
  note?: string;
  /** When the inspector last changed this answer (ISO); defaults to the record's updatedAt in merges. */
  answeredAt?: string;
  /** Device that last changed this answer; defaults to the record's deviceId in merges. */
  answeredBy?: string;
}

export type StopKind = TemplateKind;

/**
 * 完成 / 进行中, or why a household could not be visited: 不在家 (absent), 已搬迁 (moved),
 * 拒绝 (refused). The last three are followed by a Substitution.
 */
export const STOP_STATUSES = ['in-progress', 'complete', 'absent', 'moved', 'refused'] as const;
export type StopStatus = (typeof STOP_STATUSES)[number];

/** The statuses that mean "not visited, take a reserve". */
export const UNVISITED_STATUSES = ['absent', 'moved', 'refused'] as const;
export type UnvisitedStatus = (typeof UNVISITED_STATUSES)[number];

/** Labels shown to the planner. */
export const STOP_STATUS_LABELS: Readonly<Record<StopStatus, string>> = {
  'in-progress': '进行中',
  complete: '已完成',
  absent: '不在家',
  moved: '已搬迁',
  refused: '拒绝调查',
};

export interface RecordedPosition {
  lat: number;
  lng: number;
  /** Radius in metres (the browser's GeolocationCoordinates.accuracy). */
  accuracy: number;
  /** ISO time of the fix. */
  at: string;
}

/** Who last changed a record-level field; fields without a stamp take the record's updatedAt/deviceId. */
export interface FieldStamp {
  at: string;
  by: string;
}

export interface StopRecord {
  /** UUID generated on the device; the server stores each record exactly once under it. */
  clientId: string;
  planId: string;
  /** 村代码 */
  villageCode: string;
  stopKind: StopKind;
  /** 户编号 / 项目编号 / 资产编号 / 干部编号; the 村代码 for the village and documents stops. */
  stopCode: string;
  templateId: string;
  templateVersion: number;
  answers: ItemAnswer[];
  /** Household stops only: the figures of 方城 附件1 第1项 and the 萧县 ledger. */
  figures?: HouseholdFigures;
  notes?: string;
  position?: RecordedPosition;
  status: StopStatus;
  /** The device that wrote this version. */
  deviceId: string;
  /** Incremented by the device on each local change. */
  revision: number;
  /** ISO time of the last change. */
  updatedAt: string;
  /**
   * Per-field provenance for status, notes, position and each figure ('figures.<key>'), so a merge
   * compares when each field was changed, not when the record was. Written by the device.
   */
  fieldStamps?: Partial<Record<string, FieldStamp>>;
  /** Server-kept: the highest revision seen from each device; makes replays no-ops. */
  deviceRevisions?: Partial<Record<string, number>>;
  /** Server-kept: every conflict merges found, shown to the planner, never dropped. */
  conflicts?: Conflict[];
}

/** Which stop kinds may end without a visit (a household can be absent; so can an interviewee). */
const MAY_BE_UNVISITED: readonly StopKind[] = ['household', 'interview'];

/** The findings (answers carrying a problem) of a record, in template order of appearance. */
export function findings(record: Pick<StopRecord, 'answers'>): Array<ItemAnswer & { problem: Problem }> {
  return record.answers.filter((a): a is ItemAnswer & { problem: Problem } => a.problem !== undefined);
}

/**
 * Everything that keeps a record from being accepted, in Chinese for the inspector; empty when
 * valid. An in-progress record may leave items unanswered; a complete one may not.
 */
export function validateStopRecord(record: StopRecord, template: ChecklistTemplate): string[] {
  const problems: string[] = [];
  if (!isUuid(record.clientId)) problems.push('记录编号（clientId）应为设备生成的 UUID');
  if (!record.planId) problems.push('缺少计划编号');
  if (!record.villageCode) problems.push('缺少村代码');
  if (!record.stopCode) problems.push('缺少核查对象编号');
  if (!record.deviceId) problems.push('缺少设备编号');
  if (!Number.isInteger(record.revision) || record.revision < 0) problems.push('修订号应为非负整数');
  if (!isIsoTimestamp(record.updatedAt)) problems.push('更新时间应为带时区的 ISO 时间');
  if (!(STOP_STATUSES as readonly string[]).includes(record.status)) problems.push(`状态“${String(record.status)}”无效`);
  if (record.templateId !== template.id) problems.push(`记录使用模板 ${record.templateId}，而不是 ${template.id}`);
  else if (record.templateVersion !== template.version) {
    problems.push(`记录按模板第 ${record.templateVersion} 版填写，当前核对的是第 ${template.version} 版`);
  }
  if (record.stopKind !== template.kind) problems.push(`核查对象类型 ${record.stopKind} 与模板类型 ${template.kind} 不符`);

  const unvisited = (UNVISITED_STATUSES as readonly string[]).includes(record.status);
  if (unvisited && !MAY_BE_UNVISITED.includes(record.stopKind)) {
    problems.push(`${STOP_STATUS_LABELS[record.status]}只适用于农户或访谈对象`);
  }

  const items = new Map(template.items.map((item) => [item.id, item]));
  const seen = new Set<string>();
  for (const answer of record.answers) {
    const item = items.get(answer.itemId);
    if (!item) {
      problems.push(`模板中没有排查项目 ${answer.itemId}`);
      continue;
    }
    const at = `第 ${item.order} 项`;
    if (seen.has(answer.itemId)) problems.push(`${at}重复作答`);
    seen.add(answer.itemId);
    if (!(ANSWER_VALUES as readonly string[]).includes(answer.value)) {
      problems.push(`${at}：答案应为“是”“否”或“不适用”`);
      continue;
    }
    if (answer.answeredAt !== undefined && !isIsoTimestamp(answer.answeredAt)) problems.push(`${at}：作答时间无效`);
    if (answer.value === item.problemWhen) {
      if (!answer.problem) {
        problems.push(`${at}答“${answer.value === 'yes' ? '是' : '否'}”即发现问题：须填写问题描述、问题类型和严重程度`);
        continue;
      }
      if (!answer.problem.description || !answer.problem.description.trim()) problems.push(`${at}：问题描述不能为空`);
      if (!(PROBLEM_TYPES as readonly string[]).includes(answer.problem.problemType)) {
        problems.push(`${at}：问题类型“${String(answer.problem.problemType)}”无效`);
      }
      if (!(SEVERITIES as readonly string[]).includes(answer.problem.severity)) {
        problems.push(`${at}：严重程度应为${SEVERITIES.join('、')}之一`);
      }
    } else if (answer.problem) {
      problems.push(`${at}的答案表示没有问题，却填写了问题：请改答案或删去问题`);
    }
  }

  if (record.status === 'complete') {
    const missing = template.items.filter((item) => !seen.has(item.id)).map((item) => item.order);
    if (missing.length > 0) problems.push(`标记为完成，但第 ${missing.join('、')} 项未作答`);
  }

  if (record.figures !== undefined) {
    if (record.stopKind !== 'household') problems.push('只有入户调查记录户级数据');
    for (const key of HOUSEHOLD_FIGURE_KEYS) {
      const v = record.figures[key];
      if (v === undefined || v === null) continue;
      const expected = FIGURE_KIND[key];
      if (expected === 'number' ? !isFiniteNumber(v) || v < 0 : typeof v !== expected) {
        problems.push(`户级数据 ${key} 应为${expected === 'number' ? '非负数' : expected === 'boolean' ? '是/否' : '文字'}`);
      }
    }
  }
  if (record.position) {
    problems.push(...positionProblems(record.position, '定位'));
    if (!isIsoTimestamp(record.position.at)) problems.push('定位时间无效');
  }
  return problems;
}

const FIGURE_KIND: Readonly<Record<(typeof HOUSEHOLD_FIGURE_KEYS)[number], 'number' | 'boolean' | 'string'>> = {
  incomePerCapita: 'number',
  allInsured: 'boolean',
  schoolAgeAllInSchool: 'boolean',
  housingSafe: 'boolean',
  waterSafe: 'boolean',
  householdIncome: 'number',
  mainIncomeSource: 'string',
  incomeStable: 'boolean',
  seriousIllness: 'boolean',
  canPayMedical: 'boolean',
  hasSchoolAgeChildren: 'boolean',
  dropoutReason: 'string',
  housingAppraised: 'boolean',
  hasOtherSafeHousing: 'boolean',
  otherProblems: 'string',
  otherDifficulties: 'boolean',
  members: 'number',
  laborers: 'number',
  netIncome: 'number',
  wageIncome: 'number',
  businessIncome: 'number',
  transferIncome: 'number',
  propertyIncome: 'number',
  educationExpense: 'number',
  medicalSelfPay: 'number',
};
