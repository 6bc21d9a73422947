import { describe, expect, it } from 'vitest';

import { county } from './__fixtures__/counties.js';
import { distanceKm, FANGCHENG_BBOX, FANGCHENG_CENTRE } from './geo.js';

const inside = (p: { lng: number | null; lat: number | null }) =>
  p.lng !== null &&
  p.lat !== null &&
  p.lng >= FANGCHENG_BBOX.minLng &&
  p.lng <= FANGCHENG_BBOX.maxLng &&
  p.lat >= FANGCHENG_BBOX.minLat &&
  p.lat <= FANGCHENG_BBOX.maxLat;

describe('coordinates stay inside the county', () => {
  const demo = county('demo');
  const villages = new Map(demo.villages.map((v) => [v.code, v]));

  it('places every village, household and asset inside the county bbox', () => {
    expect(demo.villages.every(inside)).toBe(true);
    expect(demo.households.every(inside)).toBe(true);
    expect(demo.assets.every(inside)).toBe(true);
  });

  it('keeps households within about 600 m of their village centroid', () => {
    const far = demo.households.filter((h) => distanceKm({ lng: h.lng!, lat: h.lat! }, villages.get(h.villageCode)!) > 0.61);
    expect(far).toEqual([]);
  });

  it('keeps project assets near their village', () => {
    for (const a of demo.assets) expect(distanceKm({ lng: a.lng!, lat: a.lat! }, villages.get(a.villageCode)!)).toBeLessThanOrEqual(1.01);
  });

  it('clusters villages around their town and spreads towns over the county', () => {
    const towns = new Map<string, { lng: number; lat: number }[]>();
    for (const v of demo.villages) towns.set(v.townCode, [...(towns.get(v.townCode) ?? []), v]);
    const centroids = [...towns.values()].map((list) => ({
      lng: list.reduce((s, p) => s + p.lng, 0) / list.length,
      lat: list.reduce((s, p) => s + p.lat, 0) / list.length,
    }));
    for (const [code, list] of towns) {
      const i = [...towns.keys()].indexOf(code);
      for (const v of list) expect(distanceKm(v, centroids[i])).toBeLessThan(10);
    }
    // Rural towns are kilometres apart, and the 街道 sit in the county town.
    const rural = centroids.filter((c) => distanceKm(c, FANGCHENG_CENTRE) > 5);
    expect(rural.length).toBe(16);
    const gaps = rural.map((c) => Math.min(...rural.filter((o) => o !== c).map((o) => distanceKm(c, o))));
    expect(Math.min(...gaps)).toBeGreaterThan(5);
  });
});
