import { describe, expect, it } from 'vitest';

import { countyPoints, isRouteOf } from './__fixtures__/instances.js';
import { distanceMatrix, type LatLng } from './geo.js';
import { solveTour } from './tour.js';

/** Households sharing one courtyard (同一院落) give identical coordinates. */
function withDuplicates(points: LatLng[], copies: number): LatLng[] {
  return points.flatMap((p) => Array.from({ length: copies }, () => ({ ...p })));
}

describe('points with identical coordinates', () => {
  it.each([
    { unique: 5, copies: 2, method: 'exact' },
    { unique: 4, copies: 3, method: 'exact' },
    { unique: 20, copies: 3, method: 'heuristic' },
  ] as const)('$unique places × $copies households: each visited once, same length as the places alone ($method)', ({ unique, copies, method }) => {
    const places = countyPoints(unique, `dup-${unique}`);
    const alone = solveTour(distanceMatrix(places), { method });
    const points = withDuplicates(places, copies);
    const tour = solveTour(distanceMatrix(points), { method });
    expect(tour.method).toBe(method);
    expect(isRouteOf(tour.order, points.length, 0)).toBe(true);
    // Households at one place are visited back to back, so zero-length legs add nothing.
    expect(tour.cost).toBeCloseTo(alone.cost, 6);
  });

  it('all points at the start cost nothing and terminate', () => {
    const points = Array.from({ length: 30 }, () => ({ lat: 33.25, lng: 113.0 }));
    const tour = solveTour(distanceMatrix(points));
    expect(isRouteOf(tour.order, 30, 0)).toBe(true);
    expect(tour.cost).toBe(0);
  });
});
