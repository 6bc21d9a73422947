import { describe, expect, it } from 'vitest';

import { countyMatrix } from './__fixtures__/instances.js';
import { RoutingError } from './errors.js';
import { solveTour } from './tour.js';

describe('solveTour input checks', () => {
  it('a single point is a route of its own with no cost', () => {
    expect(solveTour([[0]])).toEqual({ order: [0], cost: 0, method: 'exact' });
    expect(solveTour([[0]], { method: 'heuristic' })).toEqual({ order: [0], cost: 0, method: 'heuristic' });
  });

  it('two points: there and back', () => {
    expect(solveTour([
      [0, 5],
      [7, 0],
    ])).toEqual({ order: [0, 1], cost: 12, method: 'exact' });
  });

  it.each([
    ['a ragged matrix', [[0, 1], [1]], {}, /row 1 has 1 entries, expected 2/],
    ['an Infinity leg', [[0, Infinity], [1, 0]], {}, /\[0\]\[1\] is Infinity/],
    ['a start outside the matrix', [[0, 1], [1, 0]], { start: 2 }, /start 2 is not an index/],
    ['negative restarts', [[0, 1], [1, 0]], { restarts: -1 }, /restarts must be a non-negative integer/],
    ['an empty matrix', [], {}, /start 0 is not an index of the 0-point matrix/],
  ] as const)('rejects %s with a RoutingError', (_, matrix, options, message) => {
    expect(() => solveTour(matrix as unknown as number[][], options)).toThrow(message);
    expect(() => solveTour(matrix as unknown as number[][], options)).toThrow(RoutingError);
  });

  it('refuses to run the exact solver on more than 16 stops', () => {
    expect(() => solveTour(countyMatrix(17, 'big'), { method: 'exact' })).toThrow(/at most 16 stops/);
  });
});
