import { readFileSync } from 'node:fs';
import type { HouseholdRecord } from '@lookback/contracts';
import { describe, expect, it } from 'vitest';
import { draw } from './draw.js';

const county = JSON.parse(readFileSync(new URL('./__fixtures__/small-county.json', import.meta.url), 'utf8')) as { households: HouseholdRecord[] };

describe('inclusion probabilities of a village add up to its sample size', () => {
  it.each([15, 20, 33])('holds for %i households per village in every village', (perVillage) => {
    const record = draw({ seed: 'sum-check', households: county.households, settings: { perVillage } });
    for (const village of record.villages) {
      const onRoster = county.households.filter((h) => h.villageCode === village.villageCode);
      // Σ π over the whole roster of the village = Σ_h N_h · n_h/N_h = n.
      const sumOfProbabilities = village.strata.reduce((sum, s) => sum + s.population * s.probability, 0);
      expect(sumOfProbabilities).toBeCloseTo(village.sampleSize, 9);
      expect(village.sample).toHaveLength(Math.min(perVillage, onRoster.length));
      expect(village.strata.reduce((sum, s) => sum + s.population, 0)).toBe(onRoster.length);
      for (const d of village.sample) {
        const [numerator, denominator] = d.inclusionProbability.split('/').map(Number);
        expect(d.probability).toBe(numerator / denominator);
      }
    }
  });
});

describe('a village with no more than 15 households is taken whole', () => {
  it('draws all 12 households of 小李庄村 with π = 1 and lists no reserves', () => {
    const record = draw({ seed: 'small-village', households: county.households });
    const village = record.villages.find((v) => v.villageCode === '341225100002')!;
    expect(village.households).toBe(12);
    expect(village.sample.map((d) => d.householdNo).sort()).toEqual(
      county.households.filter((h) => h.villageCode === '341225100002').map((h) => h.householdNo).sort(),
    );
    for (const d of village.sample) expect(d.probability).toBe(1);
    for (const s of village.strata) expect(s.reserve).toEqual([]);
  });

  it('takes a village of exactly 15 whole', () => {
    const fifteen = county.households.filter((h) => h.villageCode === '341225101003').slice(0, 15);
    const village = draw({ seed: 'exactly-fifteen', households: fifteen }).villages[0];
    expect(village.sample).toHaveLength(15);
    expect(village.sample.map((d) => d.probability)).toEqual(Array(15).fill(1));
  });
});
