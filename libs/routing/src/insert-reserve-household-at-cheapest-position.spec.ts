import { describe, expect, it } from 'vitest';

import { asymmetricMatrix, countyMatrix } from './__fixtures__/instances.js';
import { routeCost } from './problem.js';
import { insertCheapest, solveTour } from './tour.js';

/** Every position after the start, tried one by one. */
function bruteForceInsertion(order: number[], matrix: number[][], newIndex: number, closed: boolean): number {
  let best = Infinity;
  for (let at = 1; at <= order.length; at++) {
    const candidate = [...order.slice(0, at), newIndex, ...order.slice(at)];
    best = Math.min(best, routeCost(candidate, matrix, closed) - routeCost(order, matrix, closed));
  }
  return best;
}

describe('a reserve household (备选户) taken on the road goes where it costs least', () => {
  it.each([
    ['county distances', countyMatrix],
    ['one-way costs', asymmetricMatrix],
  ] as const)('matches trying every position: %s, closed and open', (_, make) => {
    for (let k = 0; k < 25; k++) {
      const n = 3 + (k % 12);
      const matrix = make(n, `insert-${k}`);
      for (const closed of [true, false]) {
        const route = solveTour(matrix.slice(0, n - 1).map((row) => row.slice(0, n - 1)), { closed, start: k % (n - 1) }).order;
        const result = insertCheapest(route, matrix, n - 1, { closed });
        expect(result.order[0]).toBe(route[0]);
        expect(result.order.filter((i) => i !== n - 1)).toEqual(route);
        expect(result.addedCost).toBeCloseTo(bruteForceInsertion(route, matrix, n - 1, closed), 9);
        expect(routeCost(result.order, matrix, closed) - routeCost(route, matrix, closed)).toBeCloseTo(result.addedCost, 9);
      }
    }
  });

  it('never puts the household before the start, even when that would be cheaper', () => {
    // Reaching 2 is cheap only as the last stop before the start; from the start it costs 100.
    const matrix = [
      [0, 1, 100],
      [1, 0, 50],
      [1, 50, 0],
    ];
    const result = insertCheapest([0, 1], matrix, 2, { closed: false });
    expect(result).toEqual({ order: [0, 1, 2], addedCost: 50 });
  });

  it('a one-stop route gains the out-and-back trip', () => {
    const matrix = [
      [0, 3],
      [4, 0],
    ];
    expect(insertCheapest([0], matrix, 1)).toEqual({ order: [0, 1], addedCost: 7 });
    expect(insertCheapest([0], matrix, 1, { closed: false })).toEqual({ order: [0, 1], addedCost: 3 });
  });

  it('refuses a point already on the route', () => {
    expect(() => insertCheapest([0, 1], countyMatrix(3, 'x'), 1)).toThrow(/already on the route/);
  });
});
