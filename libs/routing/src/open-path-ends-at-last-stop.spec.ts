import { describe, expect, it } from 'vitest';

import { asymmetricMatrix, bruteForceCost, isRouteOf } from './__fixtures__/instances.js';
import { distanceMatrix, haversineMeters } from './geo.js';
import { routeCost } from './problem.js';
import { solveTour } from './tour.js';

/** Stops along a road running due north (a meridian, so legs add up exactly), listed out of order. */
const road = [0, 7, 3, 9, 1, 5, 8, 2, 6, 4, 12, 10, 14, 11, 13, 15, 19, 16, 18, 17].map((k) => ({ lat: 33.2 + k * 0.01, lng: 113.0 }));

describe('open path (closed: false): the team does not return to the start', () => {
  it.each(['exact', 'heuristic'] as const)('walks a road from its south end in order, paying no return leg (%s)', (method) => {
    const points = method === 'exact' ? road.slice(0, 10) : road;
    const matrix = distanceMatrix(points);
    const open = solveTour(matrix, { closed: false, method });
    const southToNorth = points.map((_, i) => i).sort((a, b) => points[a].lat - points[b].lat);
    expect(open.order).toEqual(southToNorth);
    expect(open.cost).toBeCloseTo(haversineMeters(points[southToNorth[0]], points[southToNorth.at(-1)!]), 3);
    const closed = solveTour(matrix, { closed: true, method });
    expect(closed.cost).toBeCloseTo(2 * open.cost, 3);
  });

  it.each([5, 6, 7, 8, 9])('equals brute force on one-way costs from any start, %i stops', (n) => {
    const matrix = asymmetricMatrix(n, `open-${n}`);
    for (let start = 0; start < n; start++) {
      const optimum = bruteForceCost(matrix, start, false);
      for (const method of ['exact', 'heuristic'] as const) {
        const tour = solveTour(matrix, { start, closed: false, method });
        expect(isRouteOf(tour.order, n, start)).toBe(true);
        expect(tour.cost).toBeCloseTo(routeCost(tour.order, matrix, false), 9);
        expect(tour.cost).toBeCloseTo(optimum, 9);
      }
    }
  });
});
