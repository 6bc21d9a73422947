/**
 * Estimation from a village's draw and the findings of the visits (入户调查结果), design-based:
 * stratified Horvitz–Thompson. Reserves who replaced absent households count in their stratum,
 * so a stratum's observed size is the number of its households with a finding.
 */
import type { VillageDraw } from './draw-record.js';
import { SamplingError } from './errors.js';
import type { Stratum } from './strata.js';

/** z for a two-sided 90% interval. */
export const Z_90 = 1.6448536269514722;

export interface StratumObservation {
  stratum: Stratum;
  /** N_h */
  population: number;
  /** n_h — visited households with a finding. */
  observed: number;
  /** Σ y over the visited households. */
  sum: number;
  /** Σ y² over the visited households. */
  sumOfSquares: number;
}

export interface ProblemShareEstimate {
  /** p̂ — estimated share of the village's households with a problem. */
  share: number;
  /** Estimated variance of p̂ (finite population correction included). */
  variance: number;
  /** Effective sample size used by the Wilson interval. */
  effectiveSampleSize: number;
  lower: number;
  upper: number;
  /** Households visited. */
  visited: number;
  strata: StratumObservation[];
}

type Findings<T> = ReadonlyMap<string, T> | Readonly<Record<string, T>>;

/**
 * Share of households with problems (问题户占比) with a Wilson-type interval (90% by default).
 * p̂ = Σ_h (N_h/N) p̂_h;  v̂ = Σ_h (N_h/N)² (1 − n_h/N_h) s_h²/n_h.
 */
export function estimateProblemShare(village: VillageDraw, findings: Findings<boolean>, z = Z_90): ProblemShareEstimate {
  const strata = observe(village, findings, (hasProblem) => {
    if (typeof hasProblem !== 'boolean') throw new SamplingError('INVALID_FINDINGS', 'A problem finding must be true or false.');
    return hasProblem ? 1 : 0;
  });
  const N = village.households;
  let share = 0;
  let variance = 0;
  let visited = 0;
  let census = true;
  for (const s of strata) {
    const p = s.sum / s.observed;
    share += (s.population / N) * p;
    visited += s.observed;
    if (s.observed >= s.population) continue; // fully observed: no sampling variance
    census = false;
    // n_h = 1 leaves s_h² unestimable; p(1 − p) ≤ 1/4 bounds it.
    const s2 = s.observed >= 2 ? (s.observed / (s.observed - 1)) * p * (1 - p) : 0.25;
    variance += (s.population / N) ** 2 * (1 - s.observed / s.population) * (s2 / s.observed);
  }
  share = clamp01(share);
  if (census) return { share, variance: 0, effectiveSampleSize: visited, lower: share, upper: share, visited, strata };
  // Kish-style effective size; when p̂ is 0 or 1 (or v̂ is 0) fall back to the visit count.
  const effectiveSampleSize = share > 0 && share < 1 && variance > 0 ? (share * (1 - share)) / variance : visited;
  const { lower, upper } = wilson(share, effectiveSampleSize, z);
  return { share, variance, effectiveSampleSize, lower, upper, visited, strata };
}

/** Wilson score interval for a proportion p̂ from n observations; always within [0, 1] and around p̂. */
export function wilson(p: number, n: number, z = Z_90): { lower: number; upper: number } {
  if (!(n > 0)) return { lower: 0, upper: 1 };
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { lower: clamp01(Math.min(p, centre - half)), upper: clamp01(Math.max(p, centre + half)) };
}

export interface TotalEstimate {
  /** Ŷ = Σ_h N_h ȳ_h = Σ_i y_i / π_i */
  total: number;
  /** Σ_h N_h² (1 − n_h/N_h) s_h²/n_h over strata with n_h ≥ 2. */
  variance: number;
  /** Sampled strata with a single visit: their variance cannot be estimated and is left out. */
  strataWithoutVariance: Stratum[];
}

/**
 * Horvitz–Thompson total of a per-household value (e.g. problems weighted by type or severity)
 * over the whole village, stratified by the draw.
 */
export function estimateTotal(village: VillageDraw, values: Findings<number>): TotalEstimate {
  const strata = observe(village, values, (value) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new SamplingError('INVALID_FINDINGS', 'A value must be a finite number.');
    return value;
  });
  let total = 0;
  let variance = 0;
  const strataWithoutVariance: Stratum[] = [];
  for (const s of strata) {
    const mean = s.sum / s.observed;
    total += s.population * mean;
    if (s.observed >= s.population) continue;
    if (s.observed < 2) {
      strataWithoutVariance.push(s.stratum);
      continue;
    }
    const s2 = Math.max(0, (s.sumOfSquares - s.observed * mean * mean) / (s.observed - 1));
    variance += s.population ** 2 * (1 - s.observed / s.population) * (s2 / s.observed);
  }
  return { total, variance, strataWithoutVariance };
}

/** The plain Horvitz–Thompson total Σ y_i/π_i for any sample with known inclusion probabilities. */
export function horvitzThompsonTotal(observations: readonly { value: number; probability: number }[]): number {
  let total = 0;
  for (const { value, probability } of observations) {
    if (!(probability > 0 && probability <= 1)) throw new SamplingError('INVALID_FINDINGS', `Inclusion probability ${probability} is not in (0, 1].`);
    total += value / probability;
  }
  return total;
}

function observe<T>(village: VillageDraw, findings: Findings<T>, toNumber: (value: T) => number): StratumObservation[] {
  const stratumOf = new Map<string, Stratum>();
  for (const s of village.sample) stratumOf.set(s.householdNo, s.stratum);
  for (const s of village.strata) for (const r of s.reserve) stratumOf.set(r.householdNo, s.stratum);

  const byStratum = new Map<Stratum, StratumObservation>(
    village.strata.map((s) => [s.stratum, { stratum: s.stratum, population: s.population, observed: 0, sum: 0, sumOfSquares: 0 }]),
  );
  const entries: [string, T][] = findings instanceof Map ? [...findings.entries()] : Object.entries(findings as Record<string, T>);
  for (const [householdNo, raw] of entries) {
    const stratum = stratumOf.get(householdNo);
    if (stratum === undefined) {
      throw new SamplingError('INVALID_FINDINGS', `户编号 ${householdNo} was neither drawn nor a listed reserve in village ${village.villageCode}.`);
    }
    const y = toNumber(raw);
    const o = byStratum.get(stratum)!;
    o.observed += 1;
    o.sum += y;
    o.sumOfSquares += y * y;
  }
  const result = [...byStratum.values()];
  const missing = result.filter((o) => o.observed === 0);
  if (missing.length > 0) {
    // A stratum nobody visited has no unbiased estimate; guessing would hide the gap.
    throw new SamplingError(
      'INVALID_FINDINGS',
      `No finding in stratum ${missing.map((o) => `${o.stratum} (${o.population} households)`).join(', ')} of village ${village.villageCode}.`,
    );
  }
  return result;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
