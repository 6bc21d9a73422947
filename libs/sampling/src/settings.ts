/**
 * Draw settings. They are part of the commitment, so they are validated and put in one canonical
 * shape (every field present, must-visit list sorted and de-duplicated) before use.
 */
import { SamplingError } from './errors.js';
import { STRATA, STRATUM_LABELS, type LowIncomeRule, type RandomStratum } from './strata.js';
import { compareCodePoints } from './text.js';

/** 每个村至少随机抽查农户15户 — the floor set by the inspection plan. */
export const MIN_HOUSEHOLDS_PER_VILLAGE = 15;

export interface StratumSetting {
  /** Relative sampling rate (positive integer): a weight-4 stratum is sampled at ~4× the rate of a weight-1 one. */
  weight: number;
  /** Households drawn at least, when the stratum and the village sample allow. */
  minimum: number;
}

export interface SamplingSettings {
  /** Households drawn per village, at least 15. */
  perVillage: number;
  strata: Record<RandomStratum, StratumSetting>;
  lowIncome: LowIncomeRule;
  /** 户编号 of must-visit households (必访户), sorted by code point. */
  mustVisit: string[];
  /** How many reserves (替补户) per stratum the record lists, in ticket order. */
  reservesPerStratum: number;
  /** 衔接资金 projects: year and how many per village. */
  projects: { year: number; perVillage: number };
  /** Project assets (项目资产) per village. */
  assets: { perVillage: number };
}

export type SamplingSettingsInput = {
  perVillage?: number;
  strata?: Partial<Record<RandomStratum, Partial<StratumSetting>>>;
  lowIncome?: Partial<LowIncomeRule>;
  mustVisit?: readonly string[];
  reservesPerStratum?: number;
  projects?: Partial<SamplingSettings['projects']>;
  assets?: Partial<SamplingSettings['assets']>;
};

export const DEFAULT_SAMPLING_SETTINGS: Readonly<SamplingSettings> = Object.freeze({
  perVillage: MIN_HOUSEHOLDS_PER_VILLAGE,
  strata: {
    monitored: { weight: 4, minimum: 1 },
    'dibao-tekun': { weight: 4, minimum: 1 },
    'illness-disability': { weight: 3, minimum: 1 },
    'elderly-alone': { weight: 3, minimum: 1 },
    'low-income': { weight: 3, minimum: 1 },
    tuopin: { weight: 2, minimum: 1 },
    ordinary: { weight: 1, minimum: 1 },
  },
  // 2023 monitoring income reference line 7,500 元/人/年, or the lowest quartile of the village's 脱贫户.
  lowIncome: { line: 7500, percentile: 25 },
  mustVisit: [],
  reservesPerStratum: 10,
  projects: { year: 2023, perVillage: 2 },
  assets: { perVillage: 2 },
});

/** Defaults filled in, every value checked, canonical shape. Throws SamplingError('INVALID_SETTINGS'). */
export function resolveSettings(input: SamplingSettingsInput = {}): SamplingSettings {
  const d = DEFAULT_SAMPLING_SETTINGS;
  if (input === null || typeof input !== 'object') fail('settings must be an object', '抽样设置应为对象');
  const known = new Set(['perVillage', 'strata', 'lowIncome', 'mustVisit', 'reservesPerStratum', 'projects', 'assets']);
  for (const key of Object.keys(input)) if (!known.has(key)) fail(`unknown setting "${key}"`, `没有“${key}”这一设置`);
  for (const key of Object.keys(input.strata ?? {})) {
    if (!(STRATA as readonly string[]).includes(key)) fail(`unknown stratum "${key}" (known: ${STRATA.join(', ')})`, `没有“${key}”这一抽样层（可用：${STRATA.join('、')}）`);
  }

  const perVillage = integer(input.perVillage ?? d.perVillage, 'perVillage', MIN_HOUSEHOLDS_PER_VILLAGE, 100_000);
  const strata = {} as Record<RandomStratum, StratumSetting>;
  for (const s of STRATA) {
    const given = input.strata?.[s] ?? {};
    strata[s] = {
      weight: integer(given.weight ?? d.strata[s].weight, `strata.${s}.weight`, 1, 1000),
      // At least one: Horvitz–Thompson needs every household a chance (π > 0) of being drawn.
      minimum: integer(given.minimum ?? d.strata[s].minimum, `strata.${s}.minimum`, 1, 100_000),
    };
  }
  const line = input.lowIncome?.line === undefined ? d.lowIncome.line : input.lowIncome.line;
  const percentile = input.lowIncome?.percentile === undefined ? d.lowIncome.percentile : input.lowIncome.percentile;
  if (line !== null && !(typeof line === 'number' && Number.isFinite(line) && line >= 0)) fail('lowIncome.line must be a non-negative number or null', '低收入参考线应为不小于 0 的数，或留空');
  const mustVisit = [...new Set(input.mustVisit ?? [])];
  for (const no of mustVisit) if (typeof no !== 'string' || no.length === 0) fail('mustVisit holds an empty 户编号', '必访户中有空的户编号');
  mustVisit.sort(compareCodePoints);
  return {
    perVillage,
    strata,
    lowIncome: { line, percentile: percentile === null ? null : integer(percentile, 'lowIncome.percentile', 1, 100) },
    mustVisit,
    reservesPerStratum: integer(input.reservesPerStratum ?? d.reservesPerStratum, 'reservesPerStratum', 0, 1_000_000),
    projects: {
      year: integer(input.projects?.year ?? d.projects.year, 'projects.year', 2000, 2100),
      perVillage: integer(input.projects?.perVillage ?? d.projects.perVillage, 'projects.perVillage', 0, 1000),
    },
    assets: { perVillage: integer(input.assets?.perVillage ?? d.assets.perVillage, 'assets.perVillage', 0, 1000) },
  };
}

function integer(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`, `${settingLabel(name)}应为 ${min} 至 ${max} 的整数，现为 ${JSON.stringify(value) ?? '空'}`);
  }
  return value;
}

const SETTING_LABELS: Record<string, string> = {
  perVillage: '每村抽取户数',
  'lowIncome.percentile': '收入较低脱贫户的分位数',
  reservesPerStratum: '每层替补户数',
  'projects.year': '抽查项目的年度',
  'projects.perVillage': '每村抽查项目数',
  'assets.perVillage': '每村抽查资产数',
};

/** "strata.monitored.minimum" → "监测对象的最少户数". */
function settingLabel(name: string): string {
  const stratum = /^strata\.([a-z-]+)\.(weight|minimum)$/.exec(name);
  if (stratum) return `${STRATUM_LABELS[stratum[1] as RandomStratum] ?? stratum[1]}的${stratum[2] === 'weight' ? '权重' : '最少户数'}`;
  return SETTING_LABELS[name] ?? name;
}

function fail(message: string, zh: string): never {
  throw new SamplingError('INVALID_SETTINGS', `Invalid sampling settings: ${message}.`, zh);
}
