/**
 * Strata and the published precedence rule. Every household falls in exactly one stratum: the
 * first in STRATA order whose condition it meets. Must-visit households form their own
 * certainty stratum ahead of all others.
 */
import type { HouseholdRecord } from '@lookback/contracts';

/** 必访户 — households the planner marked must-visit; inclusion probability 1. */
export const MUST_VISIT = 'must-visit' as const;

/** Random strata in precedence order (first match wins). */
export const STRATA = [
  'monitored',
  'dibao-tekun',
  'illness-disability',
  'elderly-alone',
  'low-income',
  'tuopin',
  'ordinary',
] as const;
export type RandomStratum = (typeof STRATA)[number];
export type Stratum = typeof MUST_VISIT | RandomStratum;

/** Labels shown to the planner. */
export const STRATUM_LABELS: Readonly<Record<Stratum, string>> = {
  'must-visit': '必访户',
  monitored: '监测对象',
  'dibao-tekun': '低保户/特困户',
  'illness-disability': '大病重病/重度残疾',
  'elderly-alone': '独居高龄老人',
  'low-income': '收入较低的脱贫户',
  tuopin: '其他脱贫户',
  ordinary: '一般农户',
};

/** Precedence rank of a stratum (must-visit = 0). */
export function stratumRank(stratum: Stratum): number {
  return stratum === MUST_VISIT ? 0 : STRATA.indexOf(stratum) + 1;
}

export interface LowIncomeRule {
  /** Per-capita income strictly below this line (元/人/年) is low; null switches the line off. */
  line: number | null;
  /** 脱贫户 at or below the nearest-rank percentile P of the village's 脱贫户 incomes are low; null = off. */
  percentile: number | null;
}

/**
 * The income at the nearest-rank percentile of the village's 脱贫户: sort incomes ascending and
 * take the one at 1-based rank ceil(m·P/100). Null when the village has no 脱贫户 or the rule is off.
 */
export function lowIncomePercentileIncome(villageHouseholds: readonly HouseholdRecord[], percentile: number | null): number | null {
  if (percentile === null) return null;
  const incomes = villageHouseholds.filter((h) => h.householdType === '脱贫户').map((h) => h.incomePerCapita);
  return nearestRankIncome(Float64Array.from(incomes).sort(), percentile);
}

/** The income at 1-based rank ceil(m·P/100) of m incomes sorted ascending; null when m = 0 or P is off. */
export function nearestRankIncome(sortedIncomes: Float64Array, percentile: number | null): number | null {
  if (percentile === null || sortedIncomes.length === 0) return null;
  // Integer arithmetic: ceil(m·P/100) without floating-point rounding.
  const rank = Math.max(1, Math.floor((sortedIncomes.length * percentile + 99) / 100));
  return sortedIncomes[rank - 1];
}

export function isLowIncome(h: HouseholdRecord, rule: LowIncomeRule, percentileIncome: number | null): boolean {
  if (h.householdType !== '脱贫户') return false;
  if (rule.line !== null && h.incomePerCapita < rule.line) return true;
  return percentileIncome !== null && h.incomePerCapita <= percentileIncome;
}

/** The random stratum of a household that is not must-visit. */
export function randomStratumOf(h: HouseholdRecord, lowIncome: boolean): RandomStratum {
  return STRATA[randomStratumIndex(h, lowIncome)];
}

/** The position in STRATA of a household's random stratum (the draw's hot loop uses the number). */
export function randomStratumIndex(h: HouseholdRecord, lowIncome: boolean): number {
  if (h.householdType === '监测户' || h.monitoringCategory !== null) return 0;
  if (h.dibao || h.tekun) return 1;
  if (h.seriousIllness || h.severeDisability) return 2;
  if (h.elderlyAlone) return 3;
  if (lowIncome) return 4;
  if (h.householdType === '脱贫户') return 5;
  return 6;
}
