import { describe, expect, it } from 'vitest';

import { distanceMatrix, EARTH_RADIUS_M, haversineMeters } from './geo.js';

describe('great-circle distances', () => {
  it('one degree along a meridian is R·π/180 metres (about 111.2 km)', () => {
    const d = haversineMeters({ lat: 33, lng: 113 }, { lat: 34, lng: 113 });
    expect(d).toBeCloseTo((EARTH_RADIUS_M * Math.PI) / 180, 3);
    expect(d).toBeCloseTo(111_195.08, 1);
  });

  it('a degree of longitude shrinks with the cosine of latitude', () => {
    const equator = haversineMeters({ lat: 0, lng: 113 }, { lat: 0, lng: 114 });
    const fangcheng = haversineMeters({ lat: 33.25, lng: 113 }, { lat: 33.25, lng: 114 });
    expect(fangcheng / equator).toBeCloseTo(Math.cos((33.25 * Math.PI) / 180), 3);
  });

  it('Zhengzhou to Xuchang is about 81 km as the crow flies', () => {
    const d = haversineMeters({ lat: 34.7466, lng: 113.6254 }, { lat: 34.0357, lng: 113.8523 });
    expect(d).toBeGreaterThan(80_000);
    expect(d).toBeLessThan(83_000);
  });

  it('the matrix is symmetric with a zero diagonal and rejects an impossible latitude', () => {
    const points = [
      { lat: 33.2, lng: 113.0 },
      { lat: 33.3, lng: 113.1 },
      { lat: 33.2, lng: 113.0 },
    ];
    const m = distanceMatrix(points);
    expect(m.map((row, i) => row[i])).toEqual([0, 0, 0]);
    expect(m[0][1]).toBe(m[1][0]);
    expect(m[0][2]).toBe(0);
    expect(() => distanceMatrix([{ lat: 133.2, lng: 113 }])).toThrow(/point 0: latitude 133.2/);
  });
});
