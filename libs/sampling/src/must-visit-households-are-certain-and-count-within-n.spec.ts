import { readFileSync } from 'node:fs';
import type { HouseholdRecord } from '@lookback/contracts';
import { describe, expect, it } from 'vitest';
import { draw } from './draw.js';
import { SamplingError } from './errors.js';

const county = JSON.parse(readFileSync(new URL('./__fixtures__/small-county.json', import.meta.url), 'utf8')) as { households: HouseholdRecord[] };
const village = '341225100001';
const mustVisit = ['3412251000010059', '3412251000010041', '3412251000010001'];

describe('must-visit households (必访户) are drawn with π = 1 and count within the 15', () => {
  it('puts them first, with certainty, and draws only 12 more', () => {
    const drawn = draw({ seed: 'must-visit', households: county.households, settings: { mustVisit } }).villages.find((v) => v.villageCode === village)!;
    expect(drawn.sampleSize).toBe(15);
    const certain = drawn.sample.filter((d) => d.stratum === 'must-visit');
    expect(certain.map((d) => d.householdNo).sort()).toEqual([...mustVisit].sort());
    for (const d of certain) expect(d.inclusionProbability).toBe('3/3');
    expect(drawn.sample.slice(0, 3).every((d) => d.stratum === 'must-visit')).toBe(true);
    // They leave their natural strata: N = 3 + 57 and the random strata share n − 3 = 12.
    expect(drawn.strata.filter((s) => s.stratum !== 'must-visit').reduce((sum, s) => sum + s.population, 0)).toBe(57);
    expect(drawn.sample.filter((d) => d.stratum !== 'must-visit')).toHaveLength(12);
  });

  it('raises n to the number of must-visit households when they exceed it', () => {
    const many = county.households.filter((h) => h.villageCode === village).slice(0, 18).map((h) => h.householdNo);
    const drawn = draw({ seed: 'many-must-visit', households: county.households, settings: { mustVisit: many } }).villages.find((v) => v.villageCode === village)!;
    expect(drawn.sampleSize).toBe(18);
    expect(drawn.sample.every((d) => d.stratum === 'must-visit')).toBe(true);
    expect(drawn.strata.filter((s) => s.stratum !== 'must-visit').every((s) => s.sampleSize === 0 && s.probability === 0)).toBe(true);
  });

  it('refuses a must-visit 户编号 that is not on the roster', () => {
    expect(() => draw({ seed: 'x', households: county.households, settings: { mustVisit: ['9999'] } })).toThrow(SamplingError);
  });
});
