import { describe, expect, it } from 'vitest';

import day from './__fixtures__/village-day.json' with { type: 'json' };
import { distanceMatrix, haversineMeters } from './geo.js';
import { routeDay } from './route-day.js';
import { solveTour } from './tour.js';

describe('one supervision team day (督查组 一天的路线)', () => {
  it('visits every household, project and asset once and returns to the town government', () => {
    const route = routeDay(day.start, day.stops);
    expect([...route.order].sort()).toEqual(day.stops.map((s) => s.id).sort());
    expect(route.legsM).toHaveLength(day.stops.length + 1);
    expect(route.totalM).toBeCloseTo(route.legsM.reduce((a, b) => a + b, 0), 6);
    const byId = new Map(day.stops.map((s) => [s.id, s]));
    const places = [day.start, ...route.order.map((id) => byId.get(id)!), day.start];
    places.slice(1).forEach((place, k) => expect(route.legsM[k]).toBeCloseTo(haversineMeters(places[k], place), 6));
    const optimum = solveTour(distanceMatrix([day.start, ...day.stops]), { method: 'heuristic', restarts: 400, seed: 'reference' });
    expect(route.totalM).toBeLessThanOrEqual(optimum.cost * 1.01);
  });

  it('an open day ends at the last stop and lists one leg per stop', () => {
    const closed = routeDay(day.start, day.stops);
    const open = routeDay(day.start, day.stops, { closed: false });
    expect(open.legsM).toHaveLength(day.stops.length);
    expect(open.totalM).toBeLessThan(closed.totalM);
  });

  it('a day with no stops has no legs', () => {
    expect(routeDay(day.start, [])).toEqual({ order: [], legsM: [], totalM: 0, method: 'exact' });
  });

  it('names the stop with a bad coordinate or a repeated id', () => {
    expect(() => routeDay(day.start, [{ id: 'H-07', lat: 33.2, lng: 213 }])).toThrow(/stop "H-07" \(#1\): longitude 213/);
    expect(() => routeDay(day.start, [day.stops[0], day.stops[0]])).toThrow(/appears twice/);
  });
});
