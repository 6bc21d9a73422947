import { describe, expect, it } from 'vitest';

import { asymmetricMatrix, bruteForceCost, countyMatrix, isRouteOf, symmetricMatrix } from './__fixtures__/instances.js';
import { routeCost } from './problem.js';
import { solveTour } from './tour.js';

const sizes = [10, 11, 12];
const seeds = ['alpha', 'beta', 'gamma', 'delta'];
const makers = { county: countyMatrix, symmetric: symmetricMatrix, asymmetric: asymmetricMatrix };

describe('the heuristic finds the proven optimum on 10–12 stops', () => {
  for (const [kind, make] of Object.entries(makers)) {
    for (const n of sizes) {
      it.each(seeds)(`${kind} matrix, ${n} stops, seed %s`, (seed) => {
        const matrix = make(n, `${kind}-${n}-${seed}`);
        for (const closed of [true, false]) {
          const exact = solveTour(matrix, { method: 'exact', closed, start: 2 });
          const heuristic = solveTour(matrix, { method: 'heuristic', closed, start: 2, seed });
          expect(heuristic.method).toBe('heuristic');
          expect(isRouteOf(heuristic.order, n, 2)).toBe(true);
          expect(heuristic.cost).toBeCloseTo(routeCost(heuristic.order, matrix, closed), 6);
          expect(heuristic.cost).toBeCloseTo(exact.cost, 6);
        }
      });
    }
  }

  it('switches from exact to heuristic above 13 stops', () => {
    expect(solveTour(countyMatrix(13, 'switch')).method).toBe('exact');
    expect(solveTour(countyMatrix(14, 'switch')).method).toBe('heuristic');
  });

  it.each([6, 7, 8])('prices reversed segments on one-way costs correctly: no restarts, %i stops, equals brute force', (n) => {
    // With no restarts only the first local search runs, so a mispriced 2-opt reversal would
    // show up as a worse (or wrongly costed) route.
    let matches = 0;
    for (let k = 0; k < 20; k++) {
      const matrix = asymmetricMatrix(n, `reversal-${n}-${k}`);
      const tour = solveTour(matrix, { method: 'heuristic', restarts: 0 });
      const optimum = bruteForceCost(matrix, 0, true);
      expect(tour.cost).toBeCloseTo(routeCost(tour.order, matrix, true), 9);
      expect(tour.cost).toBeGreaterThanOrEqual(optimum - 1e-9);
      if (Math.abs(tour.cost - optimum) < 1e-9) matches++;
    }
    // One local search from nearest neighbour is not exact, but it should mostly get there.
    expect(matches).toBeGreaterThanOrEqual(10);
  });
});
