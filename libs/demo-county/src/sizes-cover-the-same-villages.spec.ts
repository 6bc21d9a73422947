import { describe, expect, it } from 'vitest';

import { county, groupBy } from './__fixtures__/counties.js';

describe('sizes cover the same villages at different scales', () => {
  // Generated while collecting, outside any test's time limit: county takes seconds on a busy machine.
  const tiny = county('tiny');
  const demo = county('demo');
  const full = county('county');

  it('tiny has 2 towns, 10 villages and about 1,500 households, one 脱贫村 or more', () => {
    expect(new Set(tiny.villages.map((v) => v.townCode)).size).toBe(2);
    expect(tiny.villages).toHaveLength(10);
    expect(tiny.households.length).toBeGreaterThanOrEqual(1_400);
    expect(tiny.households.length).toBeLessThanOrEqual(1_600);
    expect(tiny.villages.some((v) => v.villageType === '脱贫村')).toBe(true);
    // Everything else belongs to the tiny villages only.
    const codes = new Set(tiny.villages.map((v) => v.code));
    expect(tiny.households.every((h) => codes.has(h.villageCode))).toBe(true);
    expect(tiny.cadres.every((c) => codes.has(c.villageCode))).toBe(true);
    expect(tiny.assets.every((a) => codes.has(a.villageCode))).toBe(true);
    expect(tiny.projects.every((p) => p.villageCode === null || codes.has(p.villageCode))).toBe(true);
  });

  it('demo has all 570 villages of 20 towns and about 60,000 households', () => {
    expect(demo.villages).toHaveLength(570);
    expect(new Set(demo.villages.map((v) => v.townCode)).size).toBe(20);
    expect(demo.households.length).toBeGreaterThanOrEqual(57_000);
    expect(demo.households.length).toBeLessThanOrEqual(63_000);
  });

  it('county has about 240,000 households over exactly the demo villages', () => {
    expect(full.households.length).toBeGreaterThanOrEqual(228_000);
    expect(full.households.length).toBeLessThanOrEqual(252_000);
    expect(full.villages).toEqual(demo.villages);
  });

  it('tiny villages are the same villages as in demo (type, place)', () => {
    const byCode = new Map(demo.villages.map((v) => [v.code, v]));
    for (const v of tiny.villages) expect(v).toEqual(byCode.get(v.code));
  });

  it('village sizes vary like real ones: 60–900 households a 村 at county scale, 社区 larger', () => {
    const sizes = groupBy(full.households, (h) => h.villageCode);
    const villageSizes = full.villages.filter((v) => v.name.endsWith('村')).map((v) => sizes.get(v.code)!.length);
    const communitySizes = full.villages.filter((v) => v.name.endsWith('社区')).map((v) => sizes.get(v.code)!.length);
    // Scaling to the 240,000 target stretches the 60–900 base sizes by a few percent.
    expect(Math.min(...villageSizes)).toBeGreaterThanOrEqual(55);
    expect(Math.max(...villageSizes)).toBeLessThanOrEqual(1_000);
    expect(Math.max(...villageSizes) / Math.min(...villageSizes)).toBeGreaterThan(5);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(communitySizes)).toBeGreaterThan(2 * mean(villageSizes));
  });
});
