import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';

import { asymmetricMatrix, symmetricMatrix } from './__fixtures__/instances.js';
import { doubleBridge, localSearch, pathCost, randomInsertionPath, type WorkingPath } from './local-search.js';
import { buildPathProblem, type PathProblem } from './problem.js';

function reversed(path: WorkingPath, i: number, j: number): WorkingPath {
  const out = path.slice();
  out.set(path.slice(i, j + 1).reverse(), i);
  return out;
}

function moved(path: WorkingPath, i: number, length: number, after: number, flip: boolean): WorkingPath {
  const segment = Array.from(path.slice(i, i + length));
  if (flip) segment.reverse();
  const rest = Array.from(path).filter((_, t) => t < i || t >= i + length);
  const at = rest.indexOf(path[after]) + 1;
  return Int32Array.from([...rest.slice(0, at), ...segment, ...rest.slice(at)]);
}

/** Recomputes every 2-opt and Or-opt neighbour from scratch: none may be cheaper. */
function cheapestNeighbour(problem: PathProblem, path: WorkingPath): number {
  const { n } = problem;
  let best = Infinity;
  for (let i = 1; i < n - 1; i++) for (let j = i + 1; j < n; j++) best = Math.min(best, pathCost(problem, reversed(path, i, j)));
  for (let length = 1; length <= 3; length++) {
    for (let i = 1; i + length - 1 <= n - 1; i++) {
      for (let after = 0; after < n; after++) {
        if (after >= i - 1 && after <= i + length - 1) continue;
        for (const flip of [false, true]) best = Math.min(best, pathCost(problem, moved(path, i, length, after, flip)));
      }
    }
  }
  return best;
}

describe('2-opt + Or-opt on one-way (asymmetric) costs', () => {
  it.each([7, 10, 14, 18])('ends at a true local optimum and never raises the cost, %i stops', (n) => {
    const random = seedrandom(`ls-${n}`);
    for (let k = 0; k < 15; k++) {
      for (const [make, closed] of [
        [asymmetricMatrix, true],
        [asymmetricMatrix, false],
        [symmetricMatrix, true],
      ] as const) {
        const problem = buildPathProblem(make(n, `ls-${n}-${k}`), k % n, closed);
        const path = doubleBridge(randomInsertionPath(problem, random), random);
        const before = pathCost(problem, path);
        localSearch(problem, path);
        const after = pathCost(problem, path);
        expect(after).toBeLessThanOrEqual(before + 1e-9);
        expect(Array.from(path).sort((a, b) => a - b)).toEqual(Array.from({ length: n + 1 }, (_, t) => t));
        expect(path[0]).toBe(0);
        expect(path[n]).toBe(n);
        expect(cheapestNeighbour(problem, path)).toBeGreaterThanOrEqual(after - 1e-9);
      }
    }
  });
});
