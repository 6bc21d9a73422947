import { describe, expect, it } from 'vitest';
import { fromDisplayLatLng, toDisplayLatLng } from './display-coords.js';

describe('markers drawn on GCJ-02 tiles (高德) are shifted, on WGS84 tiles not', () => {
  it('leaves WGS84 points as they are for OpenStreetMap and 天地图', () => {
    expect(toDisplayLatLng(33.2544, 113.0125, 'wgs84')).toEqual([33.2544, 113.0125]);
  });

  it('shifts a point in Henan by a few hundred metres for 高德 tiles, north-east as GCJ-02 does there', () => {
    const [lat, lng] = toDisplayLatLng(33.2544, 113.0125, 'gcj02');
    const dLatM = (lat - 33.2544) * 111_000;
    const dLngM = (lng - 113.0125) * 111_000 * Math.cos((33.25 * Math.PI) / 180);
    const shift = Math.hypot(dLatM, dLngM);
    expect(shift).toBeGreaterThan(100);
    expect(shift).toBeLessThan(800);
    expect(lng).toBeGreaterThan(113.0125);
  });

  it('does not shift points outside China (GCJ-02 only applies inside)', () => {
    const [lat, lng] = toDisplayLatLng(48.8584, 2.2945, 'gcj02');
    expect(lat).toBeCloseTo(48.8584, 6);
    expect(lng).toBeCloseTo(2.2945, 6);
  });

  it('passes a missing coordinate through rather than inventing one', () => {
    const [lat] = toDisplayLatLng(Number.NaN, 113, 'gcj02');
    expect(Number.isNaN(lat)).toBe(true);
  });

  it('turns a point clicked on 高德 tiles back into WGS84 within a metre', () => {
    const [lat, lng] = toDisplayLatLng(33.2544, 113.0125, 'gcj02');
    const [wLat, wLng] = fromDisplayLatLng(lat, lng, 'gcj02');
    expect(Math.abs(wLat - 33.2544) * 111_000).toBeLessThan(1);
    expect(Math.abs(wLng - 113.0125) * 93_000).toBeLessThan(1);
    expect(fromDisplayLatLng(33.2, 113.1, 'wgs84')).toEqual([33.2, 113.1]);
  });
});
