// Test inputs: seeded random cost matrices and a brute-force oracle to check the solvers against.
import seedrandom from 'seedrandom';

import { distanceMatrix, type LatLng } from '../geo.js';
import { routeCost } from '../problem.js';

/** Road-like one-way costs: every direction drawn independently, so m[i][j] ≠ m[j][i]. */
export function asymmetricMatrix(n: number, seed: string): number[][] {
  const random = seedrandom(seed);
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : Math.round(100 + random() * 900))));
}

/** Symmetric but not Euclidean: random weights mirrored across the diagonal. */
export function symmetricMatrix(n: number, seed: string): number[][] {
  const m = asymmetricMatrix(n, seed);
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) m[i][j] = m[j][i];
  return m;
}

/** Points scattered in a ~30 km box around 33.25°N 113.0°E, like the villages of one county. */
export function countyPoints(n: number, seed: string): LatLng[] {
  const random = seedrandom(seed);
  return Array.from({ length: n }, () => ({ lat: 33.25 + (random() - 0.5) * 0.27, lng: 113.0 + (random() - 0.5) * 0.32 }));
}

export function countyMatrix(n: number, seed: string): number[][] {
  return distanceMatrix(countyPoints(n, seed));
}

function* permutations(items: number[]): Generator<number[]> {
  if (items.length <= 1) {
    yield items;
    return;
  }
  for (let k = 0; k < items.length; k++) {
    const rest = [...items.slice(0, k), ...items.slice(k + 1)];
    for (const tail of permutations(rest)) yield [items[k], ...tail];
  }
}

/** Cheapest route by trying every order: the oracle the solvers must match. */
export function bruteForceCost(matrix: number[][], start: number, closed: boolean): number {
  const others = matrix.map((_, i) => i).filter((i) => i !== start);
  let best = Infinity;
  for (const tail of permutations(others)) best = Math.min(best, routeCost([start, ...tail], matrix, closed));
  return best;
}

/** True when `order` starts with `start` and lists every index of an n-point matrix once. */
export function isRouteOf(order: readonly number[], n: number, start: number): boolean {
  return order[0] === start && order.length === n && new Set(order).size === n && order.every((i) => Number.isInteger(i) && i >= 0 && i < n);
}
