import seedrandom from 'seedrandom';

import { RoutingError } from './errors.js';
import { HELD_KARP_MAX_STOPS, heldKarp } from './held-karp.js';
import { iteratedLocalSearch } from './local-search.js';
import { assertCostMatrix, assertIndex, buildPathProblem, type CostMatrix, routeCost } from './problem.js';

/** Up to this many stops (start included) solveTour proves the optimum. */
export const EXACT_MAX_STOPS = 13;

/** Chosen so a 60-stop day solves in well under 50 ms median (see routeQualityReport). */
export const DEFAULT_RESTARTS = 40;

/** Seed used when the caller gives none, so the same input always yields the same route. */
export const DEFAULT_SEED = 'lookback-routing';

export interface SolveTourOptions {
  /** Index of the start point (town government, hotel…); it is always first in the order. Default 0. */
  start?: number;
  /** Seed of the heuristic's random restarts. The same seed and matrix give the same route. */
  seed?: string;
  /** Extra local-search attempts after the first; more is slower and rarely worse. */
  restarts?: number;
  /** true (default): return to the start at the end of the day; false: stop at the last point. */
  closed?: boolean;
  /** 'auto' (default): exact up to EXACT_MAX_STOPS stops, heuristic above. */
  method?: 'auto' | 'exact' | 'heuristic';
}

export interface Tour {
  /** Matrix indices in visiting order, starting with the start, each index once. */
  order: number[];
  /** Sum of `m[i][j]` over the legs, including the return leg when closed. */
  cost: number;
  method: 'exact' | 'heuristic';
}

/**
 * Cheapest visiting order of every point of `matrix` from `start`. `matrix[i][j]` is the cost of
 * going from i to j and may differ from `matrix[j][i]` (one-way streets, road durations).
 */
export function solveTour(matrix: CostMatrix, options: SolveTourOptions = {}): Tour {
  const { start = 0, seed = DEFAULT_SEED, restarts = DEFAULT_RESTARTS, closed = true, method = 'auto' } = options;
  assertCostMatrix(matrix);
  assertIndex(matrix, start, 'start');
  if (!Number.isInteger(restarts) || restarts < 0) {
    throw new RoutingError('BAD_OPTION', `restarts must be a non-negative integer, got ${String(restarts)}`);
  }
  const n = matrix.length;
  const exact = method === 'exact' || (method === 'auto' && n <= EXACT_MAX_STOPS);
  if (exact && n > HELD_KARP_MAX_STOPS) {
    throw new RoutingError('BAD_OPTION', `the exact solver handles at most ${HELD_KARP_MAX_STOPS} stops, got ${n}`);
  }
  const problem = buildPathProblem(matrix, start, closed);
  const internal = exact ? heldKarp(problem) : iteratedLocalSearch(problem, restarts, seedrandom(seed));
  const order = internal.map((k) => problem.toOriginal[k]);
  return { order, cost: routeCost(order, matrix, closed), method: exact ? 'exact' : 'heuristic' };
}

export interface Insertion {
  order: number[];
  /** How much the route's cost grows by taking the new point. */
  addedCost: number;
}

/**
 * Fits one more point into an existing route at its cheapest position — a reserve household
 * (备选户) taken on the road. The start stays first: the point goes after some stop of `order`.
 */
export function insertCheapest(
  order: readonly number[],
  matrix: CostMatrix,
  newIndex: number,
  options: { closed?: boolean } = {},
): Insertion {
  const { closed = true } = options;
  assertIndex(matrix, newIndex, 'newIndex');
  if (order.length === 0) throw new RoutingError('BAD_OPTION', 'cannot insert into an empty route: it has no start');
  order.forEach((index) => assertIndex(matrix, index, 'route stop'));
  if (order.includes(newIndex)) throw new RoutingError('BAD_OPTION', `point ${newIndex} is already on the route`);
  let bestAt = order.length;
  let bestAdded = Infinity;
  for (let at = 1; at <= order.length; at++) {
    const before = order[at - 1];
    const after = at < order.length ? order[at] : closed ? order[0] : undefined;
    let added = matrix[before][newIndex];
    if (after !== undefined) {
      added += matrix[newIndex][after];
      // A one-stop route has no leg yet to break.
      if (order.length > 1) added -= matrix[before][after];
    }
    if (added < bestAdded) {
      bestAdded = added;
      bestAt = at;
    }
  }
  return { order: [...order.slice(0, bestAt), newIndex, ...order.slice(bestAt)], addedCost: bestAdded };
}
