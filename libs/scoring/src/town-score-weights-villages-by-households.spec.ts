import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scoreTown, scoreTowns, type VillageScore } from './index.js';

type Row = Pick<VillageScore, 'villageCode' | 'townCode' | 'households' | 'score' | 'interval'>;
const { villages } = JSON.parse(readFileSync(new URL('./__fixtures__/town-villages.json', import.meta.url), 'utf8')) as { villages: Row[] };
const asScores: VillageScore[] = villages.map((v) => ({ ...v, breakdown: [], householdEstimate: null, schemeVersion: 'test' }));
const households = Object.fromEntries(villages.map((v) => [v.villageCode, v.households]));

describe('a town score is its villages weighted by households', () => {
  // Town 411322103: 300 households at 80 [74, 84] and 100 households at 60 [57, 63].
  //   score = (300·80 + 100·60)/400 = 75 (an unweighted mean of villages would say 70)
  //   down  = √((0.75·6)² + (0.25·3)²) = √20.8125 ≈ 4.56207
  //   up    = √((0.75·4)² + (0.25·3)²) = √9.5625  ≈ 3.09233
  it('weights each village by its households and combines the intervals as independent', () => {
    const t = scoreTown('411322103', asScores.slice(0, 2), households);
    expect(t.households).toBe(400);
    expect(t.score).toBeCloseTo(75, 12);
    expect(t.interval[0]).toBeCloseTo(75 - Math.sqrt(20.8125), 12);
    expect(t.interval[1]).toBeCloseTo(75 + Math.sqrt(9.5625), 12);
    expect(t.villages.map((v) => [v.villageCode, v.weight, v.contribution])).toEqual([
      ['411322103001', 0.75, 60],
      ['411322103002', 0.25, 15],
    ]);
  });

  it('keeps the village interval for a town of one village', () => {
    const t = scoreTown('411322104', [asScores[2]], households);
    expect(t.score).toBe(72.5);
    expect(t.interval[0]).toBeCloseTo(70, 12);
    expect(t.interval[1]).toBeCloseTo(75.25, 12);
  });

  it('groups every village of a round into its town', () => {
    const towns = scoreTowns(asScores);
    expect(towns.map((t) => [t.townCode, t.households, t.score])).toEqual([
      ['411322103', 400, expect.closeTo(75, 12)],
      ['411322104', 250, 72.5],
    ]);
  });

  it('refuses a village whose household count is unknown', () => {
    expect(() => scoreTown('411322103', asScores.slice(0, 2), { '411322103001': 300 })).toThrow(/411322103002/);
  });
});
