/**
 * 督查方案 — plan statuses, the actions each allows, and the new-plan form turned into the API's
 * request body. Pure, so the rules are unit-tested without a browser.
 */
import type { PlanStatus, VillageDto } from '@lookback/contracts';
import { DEFAULT_SAMPLING_SETTINGS, type DrawRecord, MIN_HOUSEHOLDS_PER_VILLAGE, REQUIRED_INTERVIEW_ROLES, seedStrengthProblem, STRATA, STRATUM_LABELS, type RandomStratum, type SamplingSettingsInput } from '@lookback/sampling';
import type { CreatePlanBody } from './api.js';

export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  draft: '草稿',
  sealed: '已封存',
  revealed: '已公开种子',
  completed: '已完成',
};

/** What may happen next: draft → sealed → revealed → completed, and redraws only while a draft. */
export type PlanAction = 'redraw' | 'seal' | 'reveal' | 'complete';

export function planActions(status: PlanStatus): PlanAction[] {
  switch (status) {
    case 'draft':
      return ['redraw', 'seal'];
    case 'sealed':
      return ['reveal'];
    case 'revealed':
      return ['complete'];
    case 'completed':
      return [];
  }
}

/** The draw can be re-run by anyone once the seed is public. */
export function mayVerify(status: PlanStatus): boolean {
  return status === 'revealed' || status === 'completed';
}

export interface StratumForm {
  weight: string;
  minimum: string;
}

/** The new-plan form as typed (numbers stay text until submitted, so a half-typed field is not lost). */
export interface PlanForm {
  name: string;
  mode: 'list' | 'per-town';
  villages: readonly string[];
  perTown: string;
  /** Empty: every town in the planner's scope. */
  towns: readonly string[];
  seed: string;
  perVillage: string;
  strata: Record<RandomStratum, StratumForm>;
}

export function emptyPlanForm(): PlanForm {
  const strata = {} as Record<RandomStratum, StratumForm>;
  for (const s of STRATA) {
    const d = DEFAULT_SAMPLING_SETTINGS.strata[s];
    strata[s] = { weight: String(d.weight), minimum: String(d.minimum) };
  }
  return { name: '', mode: 'list', villages: [], perTown: '1', towns: [], seed: '', perVillage: String(DEFAULT_SAMPLING_SETTINGS.perVillage), strata };
}

export type FormResult<T> = { ok: true; value: T } | { ok: false; message: string };

function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}

/**
 * The settings the planner changed, or undefined when everything is at its default: the API then
 * applies the defaults itself, and the commitment covers the resolved settings either way.
 */
export function settingsFromForm(form: Pick<PlanForm, 'perVillage' | 'strata'>): FormResult<SamplingSettingsInput | undefined> {
  const perVillage = wholeNumber(form.perVillage);
  if (perVillage === null || perVillage < MIN_HOUSEHOLDS_PER_VILLAGE) {
    return { ok: false, message: `每村抽查户数应为不少于 ${MIN_HOUSEHOLDS_PER_VILLAGE} 的整数` };
  }
  const strata: NonNullable<SamplingSettingsInput['strata']> = {};
  let changed = perVillage !== DEFAULT_SAMPLING_SETTINGS.perVillage;
  for (const s of STRATA) {
    const weight = wholeNumber(form.strata[s].weight);
    const minimum = wholeNumber(form.strata[s].minimum);
    if (weight === null || weight < 1 || weight > 1000) return { ok: false, message: `分层“${STRATUM_LABELS[s]}”的权重应为 1–1000 的整数` };
    // Every household needs a chance of being drawn (the estimates divide by it): at least one per stratum.
    if (minimum === null || minimum < 1) return { ok: false, message: `分层“${STRATUM_LABELS[s]}”的最少户数应为不小于 1 的整数` };
    strata[s] = { weight, minimum };
    const d = DEFAULT_SAMPLING_SETTINGS.strata[s];
    if (weight !== d.weight || minimum !== d.minimum) changed = true;
  }
  return { ok: true, value: changed ? { perVillage, strata } : undefined };
}

/** Checks the form and builds POST /api/plans; the message names the first thing to fix. */
export function planRequestFromForm(form: PlanForm): FormResult<CreatePlanBody> {
  const name = form.name.trim();
  if (!name) return { ok: false, message: '请填写方案名称' };
  if (name.length > 100) return { ok: false, message: '方案名称最长 100 个字符' };
  const settings = settingsFromForm(form);
  if (!settings.ok) return settings;
  const seed = form.seed.trim();
  const weakSeed = seed ? seedStrengthProblem(seed) : null;
  if (weakSeed) return { ok: false, message: weakSeed };
  const common = { name, ...(seed ? { seed } : {}), ...(settings.value ? { settings: settings.value } : {}) };
  if (form.mode === 'list') {
    if (form.villages.length === 0) return { ok: false, message: '请至少勾选一个抽查村' };
    return { ok: true, value: { ...common, villages: [...form.villages] } };
  }
  const perTown = wholeNumber(form.perTown);
  if (perTown === null || perTown < 1 || perTown > 100) return { ok: false, message: '每个乡镇抽取的村数应为 1–100 的整数' };
  return { ok: true, value: { ...common, perTown, ...(form.towns.length ? { towns: [...form.towns] } : {}) } };
}

export interface TownGroup {
  townCode: string;
  townName: string;
  villages: VillageDto[];
}

/** Villages grouped by town for the checkbox list, towns and villages in code order. */
export function groupVillagesByTown(villages: readonly VillageDto[]): TownGroup[] {
  const groups = new Map<string, TownGroup>();
  for (const v of [...villages].sort((a, b) => a.code.localeCompare(b.code))) {
    let group = groups.get(v.townCode);
    if (!group) {
      group = { townCode: v.townCode, townName: v.townName, villages: [] };
      groups.set(v.townCode, group);
    }
    group.villages.push(v);
  }
  return [...groups.values()].sort((a, b) => a.townCode.localeCompare(b.townCode));
}

/**
 * What the planner should know before sealing: villages with fewer households than the plan's
 * floor (all are visited), and villages whose cadre roster lacks a role every visit interviews.
 */
export function drawWarnings(draw: Pick<DrawRecord, 'villages' | 'settings'>): string[] {
  const warnings: string[] = [];
  const small = draw.villages.filter((v) => v.households < draw.settings.perVillage);
  if (small.length) {
    const list = small.map((v) => `${v.villageName}（${v.households} 户）`).join('、');
    warnings.push(`${list}不足每村 ${draw.settings.perVillage} 户，已全部入户；如需补足，请核对农户名单是否完整。`);
  }
  for (const v of draw.villages) {
    const missing = REQUIRED_INTERVIEW_ROLES.filter((role) => !v.interviewees.some((i) => i.role === role));
    if (missing.length) warnings.push(`${v.villageName}的干部名单中没有${missing.join('、')}，无法安排访谈和知识测试；请先导入该村的干部名单再抽样。`);
  }
  return warnings;
}
