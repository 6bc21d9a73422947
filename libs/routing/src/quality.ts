import seedrandom from 'seedrandom';

import { distanceMatrix, type LatLng } from './geo.js';
import { localSearch, pathCost, randomInsertionPath, type Random } from './local-search.js';
import { buildPathProblem } from './problem.js';
import { solveTour } from './tour.js';

/** Heuristic against the proven optimum on one small instance. */
export interface ExactComparison {
  stops: number;
  exactCost: number;
  heuristicCost: number;
  /** (heuristic − exact) / exact, in percent; 0 when the heuristic found the optimum. */
  gapPct: number;
}

/** Default solve of a larger instance against a much longer independent search, plus its speed. */
export interface LargeComparison {
  stops: number;
  /** Metres of the route solveTour returns with its default settings. */
  cost: number;
  /** Cheapest of `referenceRuns` independent random-insertion starts, each polished by 2-opt + Or-opt. */
  bestOfRestartsCost: number;
  referenceRuns: number;
  /** (cost − best of restarts) / best of restarts, in percent; negative when the default solve is better. */
  gapPct: number;
  /** Median wall time of one default solveTour call (matrix already built). */
  medianMs: number;
  repetitions: number;
}

export interface RouteQualityReport {
  seed: string;
  exact: ExactComparison[];
  large: LargeComparison[];
}

const CENTRE: LatLng = { lat: 33.25, lng: 113.0 };
/** Half of a ~30 km box: 15 km in degrees of latitude and, at 33.25°N, of longitude. */
const HALF_LAT = 15_000 / 111_195;
const HALF_LNG = HALF_LAT / Math.cos((CENTRE.lat * Math.PI) / 180);

function randomPoints(count: number, random: Random): LatLng[] {
  return Array.from({ length: count }, () => ({
    lat: CENTRE.lat + (random() * 2 - 1) * HALF_LAT,
    lng: CENTRE.lng + (random() * 2 - 1) * HALF_LNG,
  }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const percent = (cost: number, reference: number): number => (reference > 0 ? ((cost - reference) / reference) * 100 : 0);

/**
 * How good and how fast the route solver is on random villages around 33.25°N 113.0°E:
 * heuristic vs Held–Karp for 8–12 stops, and for 40 and 60 stops the default solve vs the best
 * of 1,000 independent restarts, with the median solve time over 21 runs. Prints nothing.
 */
export function routeQualityReport(seed: string, options: { referenceRuns?: number; repetitions?: number } = {}): RouteQualityReport {
  const { referenceRuns = 1000, repetitions = 21 } = options;
  const random = seedrandom(seed);

  const exact: ExactComparison[] = [];
  for (let stops = 8; stops <= 12; stops++) {
    const matrix = distanceMatrix(randomPoints(stops, random));
    const proven = solveTour(matrix, { method: 'exact' });
    const heuristic = solveTour(matrix, { method: 'heuristic', seed });
    exact.push({ stops, exactCost: proven.cost, heuristicCost: heuristic.cost, gapPct: percent(heuristic.cost, proven.cost) });
  }

  const large: LargeComparison[] = [];
  for (const stops of [40, 60]) {
    const matrix = distanceMatrix(randomPoints(stops, random));
    const problem = buildPathProblem(matrix, 0, true);
    const referenceRandom = seedrandom(`${seed}/reference/${stops}`);
    let bestOfRestartsCost = Infinity;
    for (let run = 0; run < referenceRuns; run++) {
      const path = randomInsertionPath(problem, referenceRandom);
      localSearch(problem, path);
      bestOfRestartsCost = Math.min(bestOfRestartsCost, pathCost(problem, path));
    }
    // One untimed solve first, so the JIT warm-up is not counted.
    const { cost } = solveTour(matrix, { seed });
    const times: number[] = [];
    for (let r = 0; r < repetitions; r++) {
      const began = performance.now();
      solveTour(matrix, { seed });
      times.push(performance.now() - began);
    }
    large.push({
      stops,
      cost,
      bestOfRestartsCost,
      referenceRuns,
      gapPct: percent(cost, bestOfRestartsCost),
      medianMs: median(times),
      repetitions,
    });
  }
  return { seed, exact, large };
}
