import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { VillageDraw } from './draw-record.js';
import { SamplingError } from './errors.js';
import { estimateProblemShare, estimateTotal, horvitzThompsonTotal } from './estimation.js';

const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/ht-village.json', import.meta.url), 'utf8')) as {
  village: VillageDraw;
  problems: Record<string, boolean>;
  scores: Record<string, number>;
};
const { village, problems, scores } = fixture;

describe('stratified Horvitz–Thompson share of households with problems, worked by hand', () => {
  // N = 20. must-visit 2/2 (1 problem), monitored 3 of 6 (2 problems), ordinary 4 of 12 (1 problem).
  // p̂ = (2/20)(1/2) + (6/20)(2/3) + (12/20)(1/4) = 0.05 + 0.20 + 0.15 = 0.40
  // v̂ = (6/20)²(1 − 3/6)(1/3)/3 + (12/20)²(1 − 4/12)(1/4)/4 = 0.005 + 0.015 = 0.02 (must-visit: none)
  // n_eff = 0.4·0.6/0.02 = 12; Wilson at z = 1.6449: [0.207462, 0.629334]
  it('gives p̂ = 0.40, v̂ = 0.02 and the Wilson interval around it', () => {
    const e = estimateProblemShare(village, problems);
    expect(e.share).toBeCloseTo(0.4, 12);
    expect(e.variance).toBeCloseTo(0.02, 12);
    expect(e.effectiveSampleSize).toBeCloseTo(12, 9);
    expect(e.lower).toBeCloseTo(0.20746216346060214, 9);
    expect(e.upper).toBeCloseTo(0.6293340754888932, 9);
    expect(e.lower).toBeLessThanOrEqual(e.share);
    expect(e.upper).toBeGreaterThanOrEqual(e.share);
  });

  it('keeps the interval within [0, 1] and around p̂ when nothing is found', () => {
    const none = Object.fromEntries(Object.keys(problems).map((k) => [k, false]));
    const e = estimateProblemShare(village, new Map(Object.entries(none)));
    expect(e.share).toBe(0);
    expect(e.lower).toBe(0);
    expect(e.upper).toBeCloseTo(0.23113351931975665, 9); // Wilson with the 9 visits
    expect(e.upper).toBeLessThan(1);
  });

  it('counts a reserve that replaced an absent household in its stratum', () => {
    const { O4: _absent, ...rest } = problems;
    const e = estimateProblemShare(village, { ...rest, O5: false });
    expect(e.share).toBeCloseTo(0.4, 12);
  });

  it('refuses findings that leave a stratum unvisited, or name a household never drawn', () => {
    const { O1: _1, O2: _2, O3: _3, O4: _4, ...withoutOrdinary } = problems;
    expect(() => estimateProblemShare(village, withoutOrdinary)).toThrow(SamplingError);
    expect(() => estimateProblemShare(village, { ...problems, X9: true })).toThrow(/X9/);
  });
});

describe('Horvitz–Thompson totals of per-household scores', () => {
  // Ŷ = 3 + 6·(2+4+0)/3 + 12·(1+0+0+0)/4 = 3 + 12 + 3 = 18
  // v̂ = 6²(1 − 1/2)·4/3 + 12²(1 − 1/3)·0.25/4 = 24 + 6 = 30
  it('gives Ŷ = 18 with v̂ = 30, the same total as Σ y/π', () => {
    const t = estimateTotal(village, scores);
    expect(t.total).toBeCloseTo(18, 12);
    expect(t.variance).toBeCloseTo(30, 12);
    expect(t.strataWithoutVariance).toEqual([]);
    const plain = village.sample.map((d) => ({ value: scores[d.householdNo], probability: d.probability }));
    expect(horvitzThompsonTotal(plain)).toBeCloseTo(18, 12);
  });

  it('refuses a zero inclusion probability', () => {
    expect(() => horvitzThompsonTotal([{ value: 1, probability: 0 }])).toThrow(SamplingError);
  });
});
