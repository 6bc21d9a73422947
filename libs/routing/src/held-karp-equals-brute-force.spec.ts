import { describe, expect, it } from 'vitest';

import { asymmetricMatrix, bruteForceCost, isRouteOf, symmetricMatrix } from './__fixtures__/instances.js';
import { routeCost } from './problem.js';
import { solveTour } from './tour.js';

const cases = [5, 6, 7, 8, 9].flatMap((n) => [0, 1, 2].map((k) => ({ n, seed: `hk-${n}-${k}`, start: (k * 3) % n })));

describe('Held–Karp finds the same optimum as trying every order', () => {
  it.each(cases)('symmetric random matrix, $n stops, start $start ($seed)', ({ n, seed, start }) => {
    const matrix = symmetricMatrix(n, seed);
    const tour = solveTour(matrix, { start });
    expect(tour.method).toBe('exact');
    expect(isRouteOf(tour.order, n, start)).toBe(true);
    expect(tour.cost).toBeCloseTo(routeCost(tour.order, matrix, true), 9);
    expect(tour.cost).toBeCloseTo(bruteForceCost(matrix, start, true), 9);
  });

  it.each(cases)('asymmetric one-way matrix, $n stops, start $start, closed and open ($seed)', ({ n, seed, start }) => {
    const matrix = asymmetricMatrix(n, seed);
    for (const closed of [true, false]) {
      const tour = solveTour(matrix, { start, closed });
      expect(isRouteOf(tour.order, n, start)).toBe(true);
      expect(tour.cost).toBeCloseTo(routeCost(tour.order, matrix, closed), 9);
      expect(tour.cost).toBeCloseTo(bruteForceCost(matrix, start, closed), 9);
    }
  });

  it('takes m[i][j] as the cost of going from i to j, not from j to i', () => {
    // The cheap ring runs 0→1→2→3→0; driving it the other way round costs 10 per leg.
    const matrix = [
      [0, 1, 10, 10],
      [10, 0, 1, 10],
      [10, 10, 0, 1],
      [1, 10, 10, 0],
    ];
    expect(solveTour(matrix)).toEqual({ order: [0, 1, 2, 3], cost: 4, method: 'exact' });
    expect(solveTour(matrix, { method: 'heuristic' }).order).toEqual([0, 1, 2, 3]);
  });
});
