import { describe, expect, it } from 'vitest';

import { RoutingError } from './errors.js';
import { osrmTableUrl, parseOsrmTable } from './osrm.js';
import { solveTour } from './tour.js';

describe('OSRM table helpers', () => {
  it('puts longitude before latitude in the URL and asks for durations', () => {
    const url = osrmTableUrl('http://osrm.local:5000/', [
      { lat: 33.25, lng: 113.0 },
      { lat: 33.31, lng: 112.95 },
    ]);
    expect(url).toBe('http://osrm.local:5000/table/v1/driving/113,33.25;112.95,33.31?annotations=duration');
  });

  it('reads one-way durations as an asymmetric matrix the solver accepts', () => {
    const reply = {
      code: 'Ok',
      durations: [
        [0, 60, 600],
        [600, 0, 60],
        [60, 600, 0],
      ],
    };
    const matrix = parseOsrmTable(reply);
    expect(matrix).toEqual(reply.durations);
    expect(solveTour(matrix)).toEqual({ order: [0, 1, 2], cost: 180, method: 'exact' });
  });

  it('names the pair of points OSRM cannot join by road', () => {
    const reply = {
      code: 'Ok',
      durations: [
        [0, 12.5],
        [null, 0],
      ],
    };
    expect(() => parseOsrmTable(reply)).toThrow(new RoutingError('UNREACHABLE', 'OSRM found no road from point 1 to point 0; check both coordinates'));
  });

  it('reports an OSRM error answer and a reply without durations', () => {
    expect(() => parseOsrmTable({ code: 'InvalidQuery', message: 'Query string malformed' })).toThrow(/InvalidQuery: Query string malformed/);
    expect(() => parseOsrmTable({ code: 'Ok', distances: [[0]] })).toThrow(/no durations table/);
    expect(() => parseOsrmTable({ code: 'Ok', durations: [[0, 1]] })).toThrow(/row 0 is not a list of 1 values/);
  });
});
