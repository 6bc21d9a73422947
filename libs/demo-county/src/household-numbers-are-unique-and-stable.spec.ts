import { describe, expect, it } from 'vitest';

import { county } from './__fixtures__/counties.js';

describe('household numbers are unique and stable', () => {
  const demo = county('demo');
  const tiny = county('tiny');

  it('numbers every household village code + 4-digit serial, unique across the county', () => {
    expect(new Set(demo.households.map((h) => h.householdNo)).size).toBe(demo.households.length);
    expect(demo.households.filter((h) => !/^411322\d{10}$/.test(h.householdNo) || h.householdNo.slice(0, 12) !== h.villageCode)).toEqual([]);
  });

  it('numbers a village 0001, 0002, ... without gaps', () => {
    for (const v of tiny.villages) {
      const serials = tiny.households.filter((h) => h.villageCode === v.code).map((h) => Number(h.householdNo.slice(12)));
      expect(serials).toEqual(serials.map((_, i) => i + 1));
    }
  });

  it('gives a household number the same household in tiny and in demo', () => {
    // Each village draws from a stream of its own, household by household: a smaller village is a
    // prefix of a larger one, and no village depends on which other villages are generated.
    const byNo = new Map(demo.households.map((h) => [h.householdNo, h]));
    const shared = tiny.households.filter((h) => byNo.has(h.householdNo));
    expect(shared.length).toBeGreaterThan(100);
    for (const h of shared) expect(h).toEqual(byNo.get(h.householdNo));
  });
});
