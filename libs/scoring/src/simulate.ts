/**
 * A replayable synthetic inspection round for benchmarks and tests: the same seed gives the same
 * round. Not a model of any real county — only the shapes (strata, visits, findings, checks,
 * ledgers) and sizes matter.
 */
import seedrandom from 'seedrandom';
import { PROBLEM_TYPES, SEVERITIES, type ProblemType, type Severity } from './scheme.js';
import type { InspectionRound } from './score-round.js';
import type { Check, Finding, HouseholdVisit, LedgerItem, VillageInspection } from './types.js';

export interface SimulationSize {
  villages: number;
  /** At least 5: up to two must-visit households plus one visit in each random stratum. */
  visitsPerVillage: number;
  /** Findings spread over all visits of the round. */
  findings: number;
  /** Default 20. */
  towns?: number;
  /** Ranking day; default 2024-06-03. */
  asOf?: string;
}

const SEVERITY_CUMULATIVE: readonly [Severity, number][] = [
  ['一般', 0.7],
  ['较重', 0.92],
  ['严重', 1],
];
const STRATUM_PROPENSITY: Readonly<Record<string, number>> = { 'must-visit': 1.5, monitored: 1.5, tuopin: 1, ordinary: 0.7 };

export function simulateInspectionRound(seed: string, size: SimulationSize): InspectionRound {
  const { villages, visitsPerVillage, findings } = size;
  const towns = size.towns ?? 20;
  const asOf = size.asOf ?? '2024-06-03';
  if (!(Number.isInteger(villages) && villages > 0)) throw new RangeError('villages must be a positive integer');
  if (!(Number.isInteger(visitsPerVillage) && visitsPerVillage >= 5)) throw new RangeError('visitsPerVillage must be an integer ≥ 5');
  if (!(Number.isInteger(findings) && findings >= 0)) throw new RangeError('findings must be an integer ≥ 0');
  if (!(Number.isInteger(towns) && towns > 0)) throw new RangeError('towns must be a positive integer');
  const rng = seedrandom(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
  const asOfMs = Date.parse(`${asOf}T00:00:00Z`);
  const day = (offset: number): string => new Date(asOfMs + offset * 86_400_000).toISOString().slice(0, 10);

  const result: VillageInspection[] = [];
  const allVisits: { findings: Finding[] }[] = [];
  const cumulative: number[] = [];
  let weightSum = 0;
  for (let v = 0; v < villages; v++) {
    const town = v % towns;
    const townCode = `411322${String(100 + town).padStart(3, '0')}`;
    const villageCode = `${townCode}${String(Math.floor(v / towns) + 1).padStart(3, '0')}`;
    const N = int(120, 600);
    const mustVisit = int(1, 2);
    const monitored = Math.max(3, Math.round(N * (0.04 + rng() * 0.06)));
    const tuopin = Math.max(3, Math.round(N * (0.15 + rng() * 0.15)));
    const ordinary = N - mustVisit - monitored - tuopin;
    const rest = visitsPerVillage - mustVisit;
    const kM = Math.min(monitored, Math.max(1, Math.round(rest * 0.35)));
    const kT = Math.min(tuopin, Math.max(1, Math.round(rest * 0.3)));
    const kO = Math.min(ordinary, rest - kM - kT);
    const strata = [
      { stratum: 'must-visit', population: mustVisit, visits: mustVisit },
      { stratum: 'monitored', population: monitored, visits: kM },
      { stratum: 'tuopin', population: tuopin, visits: kT },
      { stratum: 'ordinary', population: ordinary, visits: kO },
    ];
    const propensity = 0.2 + rng() * 1.6;
    const visits: HouseholdVisit[] = [];
    for (const s of strata) {
      for (let i = 0; i < s.visits; i++) {
        const visit = { householdNo: `${villageCode}-${s.stratum}-${i + 1}`, stratum: s.stratum, findings: [] as Finding[] };
        visits.push(visit);
        allVisits.push(visit);
        weightSum += propensity * STRATUM_PROPENSITY[s.stratum];
        cumulative.push(weightSum);
      }
    }
    const checks = (count: number, passRate: number, prefix: string): Check[] =>
      Array.from({ length: count }, (_, i) => ({ code: `${prefix}${i + 1}`, passed: rng() < passRate }));
    const ledgerItems: LedgerItem[] = Array.from({ length: int(0, 8) }, (_, i) => {
      const deadline = rng() < 0.1 ? null : day(int(-60, 60));
      const done = rng() < 0.6;
      return { id: `${villageCode}-L${i + 1}`, deadline, completedOn: done ? day(int(-60, 0)) : null };
    });
    result.push({
      villageCode,
      townCode,
      households: N,
      strata: strata.map(({ stratum, population }) => ({ stratum, population })),
      visits,
      projects: checks(int(0, 4), 0.85, 'P'),
      quiz: Array.from({ length: int(3, 6) }, (_, i) => ({ cadreNo: `${villageCode}-C${i + 1}`, percent: Math.round(400 + rng() * 600) / 10 })),
      documents: checks(6, 0.85, 'D'),
      interviews: checks(4, 0.9, 'I'),
      ledger: { asOf, items: ledgerItems },
    });
  }

  for (let f = 0; f < findings; f++) {
    const target = rng() * weightSum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    const type: ProblemType = PROBLEM_TYPES[int(0, PROBLEM_TYPES.length - 1)];
    const r = rng();
    const severity = SEVERITY_CUMULATIVE.find(([, c]) => r < c)?.[0] ?? SEVERITIES[0];
    allVisits[lo].findings.push({ type, severity });
  }
  return { asOf, villages: result };
}
