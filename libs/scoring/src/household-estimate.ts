/**
 * The household component's estimate: the stratified Horvitz–Thompson mean of a per-household
 * value y ∈ [0, 1] over the whole village, from the households the draw sent the team to.
 *
 *   y_i  = min(1, Σ_findings severityWeight × problemTypeWeight)   ('burden')
 *        or 1 if any finding of positive weight, else 0            ('indicator' — 问题户)
 *   B̂   = Σ_h (N_h/N) ȳ_h
 *   v̂   = Σ_h (N_h/N)² (1 − n_h/N_h) s_h²/n_h      (finite population correction; s_h² the sample
 *          variance; a stratum visited whole adds nothing; a stratum with n_h = 1 < N_h takes
 *          s_h² = B̂(1 − B̂), the largest variance a [0, 1] value with the village's mean can have)
 *   90% interval: Wilson at z = Z_90 with the Kish effective size n_eff = B̂(1 − B̂)/v̂ — the same
 *          interval @lookback/sampling's estimateProblemShare gives, to which this reduces exactly
 *          under 'indicator' when every sampled stratum has n_h ≥ 2. It stays inside [0, 1], which a
 *          normal interval near B̂ = 0 would not. estimateProblemShare fills a single-visit stratum
 *          with 1/4; here that would make n_eff collapse when B̂ is small (one 一般 finding among six
 *          visits gave [0.00, 0.99]), so the fill scales with the village's own mean instead.
 *
 * Weighting by N_h/N is what lets villages with different samples (more must-visit or monitored
 * households drawn) compare fairly: each stratum counts by its share of the village, not of the
 * sample. sampling's own estimators take a full VillageDraw and a findings map; scoring takes the
 * strata and the visits directly so that the API can score from stored field data.
 */
import { wilson, Z_90 } from '@lookback/sampling';
import { ScoringError } from './errors.js';
import { PROBLEM_TYPES, SEVERITIES, type ProblemType, type ScoringScheme, type Severity } from './scheme.js';
import type { Finding, HouseholdEstimate, HouseholdVisit, StratumSize } from './types.js';

const TYPE_INDEX = new Map<string, number>(PROBLEM_TYPES.map((t, i) => [t, i]));
const SEVERITY_INDEX = new Map<string, number>(SEVERITIES.map((s, i) => [s, i]));

interface StratumTally {
  population: number;
  observed: number;
  sum: number;
  sumOfSquares: number;
  /** Households with ≥ 1 finding of each type, then of each severity. */
  typeCounts: number[];
  severityCounts: number[];
}

/** y for one household under the scheme. */
export function householdBurden(findings: readonly Finding[], scheme: ScoringScheme): number {
  let total = 0;
  for (const f of findings) total += findingWeight(f, scheme);
  if (scheme.householdMeasure === 'indicator') return total > 0 ? 1 : 0;
  return total > 1 ? 1 : total;
}

export function estimateHouseholds(
  villageCode: string,
  households: number,
  strata: readonly StratumSize[],
  visits: readonly HouseholdVisit[],
  scheme: ScoringScheme,
): HouseholdEstimate {
  const tallies = new Map<string, StratumTally>();
  let populationSum = 0;
  for (const s of strata) {
    if (!(Number.isInteger(s.population) && s.population > 0)) {
      throw new ScoringError('INVALID_INSPECTION', `Stratum ${s.stratum} of village ${villageCode} has population ${s.population}.`);
    }
    if (tallies.has(s.stratum)) throw new ScoringError('INVALID_INSPECTION', `Stratum ${s.stratum} is listed twice in village ${villageCode}.`);
    populationSum += s.population;
    tallies.set(s.stratum, {
      population: s.population,
      observed: 0,
      sum: 0,
      sumOfSquares: 0,
      typeCounts: new Array<number>(PROBLEM_TYPES.length).fill(0),
      severityCounts: new Array<number>(SEVERITIES.length).fill(0),
    });
  }
  if (populationSum !== households) {
    throw new ScoringError('INVALID_INSPECTION', `The strata of village ${villageCode} hold ${populationSum} households, the roster ${households}.`);
  }

  const seen = new Set<string>();
  const typeSeen = new Array<boolean>(PROBLEM_TYPES.length);
  const severitySeen = new Array<boolean>(SEVERITIES.length);
  let householdsWithFindings = 0;
  let findingCount = 0;
  for (const v of visits) {
    if (seen.has(v.householdNo)) throw new ScoringError('INVALID_INSPECTION', `户编号 ${v.householdNo} is visited twice in village ${villageCode}.`);
    seen.add(v.householdNo);
    const t = tallies.get(v.stratum);
    if (t === undefined) {
      throw new ScoringError('INVALID_INSPECTION', `户编号 ${v.householdNo} is in stratum ${v.stratum}, which village ${villageCode}'s draw does not have.`);
    }
    const y = householdBurden(v.findings, scheme); // refuses unknown types and severities first
    typeSeen.fill(false);
    severitySeen.fill(false);
    for (const f of v.findings) {
      typeSeen[TYPE_INDEX.get(f.type)!] = true;
      severitySeen[SEVERITY_INDEX.get(f.severity)!] = true;
    }
    t.observed += 1;
    t.sum += y;
    t.sumOfSquares += y * y;
    for (let i = 0; i < typeSeen.length; i++) if (typeSeen[i]) t.typeCounts[i] += 1;
    for (let i = 0; i < severitySeen.length; i++) if (severitySeen[i]) t.severityCounts[i] += 1;
    if (v.findings.length > 0) householdsWithFindings += 1;
    findingCount += v.findings.length;
  }

  const N = households;
  let mean = 0;
  let variance = 0;
  let census = true;
  const typeShares = new Array<number>(PROBLEM_TYPES.length).fill(0);
  const severityShares = new Array<number>(SEVERITIES.length).fill(0);
  const unvisited: string[] = [];
  for (const [stratum, t] of tallies) {
    if (t.observed === 0) {
      unvisited.push(`${stratum} (${t.population} households)`);
      continue;
    }
    if (t.observed > t.population) {
      throw new ScoringError('INVALID_INSPECTION', `Stratum ${stratum} of village ${villageCode} has ${t.observed} visits but ${t.population} households.`);
    }
    const share = t.population / N;
    const yBar = t.sum / t.observed;
    mean += share * yBar;
    for (let i = 0; i < typeShares.length; i++) typeShares[i] += (share * t.typeCounts[i]) / t.observed;
    for (let i = 0; i < severityShares.length; i++) severityShares[i] += (share * t.severityCounts[i]) / t.observed;
  }
  if (unvisited.length > 0) {
    // An unvisited stratum has no unbiased estimate; filling it in would hide the gap.
    throw new ScoringError('UNVISITED_STRATUM', `No household visited in stratum ${unvisited.join(', ')} of village ${villageCode}.`);
  }
  mean = clamp01(mean);
  for (const t of tallies.values()) {
    if (t.observed === t.population) continue;
    census = false;
    const yBar = t.sum / t.observed;
    const s2 = t.observed >= 2 ? Math.max(0, (t.sumOfSquares - t.observed * yBar * yBar) / (t.observed - 1)) : mean * (1 - mean);
    const share = t.population / N;
    variance += share * share * (1 - t.observed / t.population) * (s2 / t.observed);
  }

  let interval: [number, number];
  if (census) {
    variance = 0;
    interval = [mean, mean];
  } else {
    const visited = visits.length;
    const nEff = mean > 0 && mean < 1 && variance > 0 ? (mean * (1 - mean)) / variance : visited;
    const w = wilson(mean, nEff, Z_90);
    interval = [w.lower, w.upper];
  }
  return {
    meanBurden: mean,
    variance,
    interval,
    visited: visits.length,
    householdsWithFindings,
    findings: findingCount,
    byType: nonZero(PROBLEM_TYPES, typeShares),
    bySeverity: nonZero(SEVERITIES, severityShares),
  };
}

function findingWeight(f: Finding, scheme: ScoringScheme): number {
  const type = scheme.problemTypeWeights[f.type as ProblemType];
  const severity = scheme.severityWeights[f.severity as Severity];
  if (!TYPE_INDEX.has(f.type) || type === undefined) throw new ScoringError('INVALID_INSPECTION', `Unknown problem type ${String(f.type)}.`);
  if (!SEVERITY_INDEX.has(f.severity) || severity === undefined) throw new ScoringError('INVALID_INSPECTION', `Unknown severity ${String(f.severity)}.`);
  return type * severity;
}

function nonZero<K extends string>(keys: readonly K[], shares: number[]): { key: K; share: number }[] {
  const out: { key: K; share: number }[] = [];
  for (let i = 0; i < keys.length; i++) if (shares[i] > 0) out.push({ key: keys[i], share: shares[i] });
  return out;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
