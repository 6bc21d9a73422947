import { readFileSync } from 'node:fs';
import { estimateProblemShare, wilson, Z_90, type VillageDraw } from '@lookback/sampling';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEME, scoreVillage, visitsFromDraw, type Finding, type ScoringScheme, type VillageInspection } from './index.js';

interface Fixture {
  draw: VillageDraw;
  otherComponents: Pick<VillageInspection, 'projects' | 'quiz' | 'documents' | 'interviews' | 'ledger'>;
  priorityHeavy: { villageCode: string; findings: Record<string, Finding[]> };
  priorityLight: { villageCode: string; findings: Record<string, Finding[]> };
}
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/same-count-different-mix.json', import.meta.url), 'utf8')) as Fixture;

function inspection(v: Fixture['priorityHeavy']): VillageInspection {
  return {
    ...visitsFromDraw(fixture.draw, v.findings),
    villageCode: v.villageCode,
    townCode: '411322101',
    ...fixture.otherComponents,
  };
}
const heavy = inspection(fixture.priorityHeavy);
const light = inspection(fixture.priorityLight);

const countFindings = (v: VillageInspection) => v.visits.reduce((n, h) => n + h.findings.length, 0);

describe('two villages with four findings each, in the same households, but a different priority mix', () => {
  // N = 20: must-visit 2 of 2 (V1 V2), monitored 3 of 6 (M1–M3), ordinary 4 of 12 (O1–O4).
  // Default weights: burden = severity × type, capped at 1.
  //
  // Heavy mix: V1 住房安全 严重 1×1 = 1; M1 饮水安全 较重 0.5×1 = 0.5; M2 健康帮扶 一般 0.2×1 = 0.2;
  //   O1 档卡资料 一般 0.2×0.5 = 0.1.
  //   B̂ = (2/20)(1/2) + (6/20)(0.7/3) + (12/20)(0.1/4) = 0.05 + 0.07 + 0.015 = 0.135
  //   v̂: monitored s² = (0.29 − 3·(0.7/3)²)/2 = 0.19/3 ≈ 0.063333 → 0.3²·(1 − 3/6)·0.063333/3 = 0.00095
  //      ordinary  s² = (0.01 − 4·0.025²)/3 = 0.0025       → 0.6²·(1 − 4/12)·0.0025/4 = 0.00015
  //      must-visit is a census and adds nothing: v̂ = 0.0011
  //   household value = 100·(1 − 0.135) = 86.5
  // Light mix: V1 档卡资料 一般 0.1; M1 乡村建设 一般 0.08; M2 信访舆情 一般 0.12; O1 档卡资料 一般 0.1.
  //   B̂ = 0.1·0.05 + 0.3·(0.2/3) + 0.6·0.025 = 0.005 + 0.02 + 0.015 = 0.04 → value 96
  //   v̂: monitored s² = (0.0208 − 3·(0.2/3)²)/2 = 0.0037333 → 0.09·0.5·0.0037333/3 = 0.000056; + 0.00015 = 0.000206
  // Other components, the same in both: projects 2/2 = 100, quiz (80 + 90)/2 = 85, documents 4/5 = 80,
  //   interviews 4/4 = 100, ledger one item overdue = 100 − 10 = 90.
  // score = 0.5·household + 0.15·100 + 0.1·85 + 0.1·80 + 0.05·100 + 0.1·90 = 0.5·household + 45.5
  //   heavy: 43.25 + 45.5 = 88.75;  light: 48 + 45.5 = 93.5
  it('has the same raw problem count and the same share of households with problems', () => {
    expect(countFindings(heavy)).toBe(4);
    expect(countFindings(light)).toBe(4);
    const asShare = (v: VillageInspection) => scoreVillage(v, { ...DEFAULT_SCHEME, householdMeasure: 'indicator' }).householdEstimate!.meanBurden;
    // p̂ = 0.1·(1/2) + 0.3·(2/3) + 0.6·(1/4) = 0.4 in both
    expect(asShare(heavy)).toBeCloseTo(0.4, 12);
    expect(asShare(light)).toBeCloseTo(0.4, 12);
  });

  it('scores the priority-heavy village lower, by the weighted Horvitz–Thompson burden', () => {
    const h = scoreVillage(heavy, DEFAULT_SCHEME);
    const l = scoreVillage(light, DEFAULT_SCHEME);
    expect(h.householdEstimate!.meanBurden).toBeCloseTo(0.135, 12);
    expect(h.householdEstimate!.variance).toBeCloseTo(0.0011, 12);
    expect(l.householdEstimate!.meanBurden).toBeCloseTo(0.04, 12);
    expect(l.householdEstimate!.variance).toBeCloseTo(0.000206, 12);
    expect(h.breakdown.find((b) => b.component === 'households')!.value).toBeCloseTo(86.5, 9);
    expect(l.breakdown.find((b) => b.component === 'households')!.value).toBeCloseTo(96, 9);
    expect(h.score).toBeCloseTo(88.75, 9);
    expect(l.score).toBeCloseTo(93.5, 9);
  });

  it('breaks the score down into contributions that add up to it', () => {
    const h = scoreVillage(heavy, DEFAULT_SCHEME);
    expect(h.breakdown.map((b) => [b.component, b.value, b.contribution])).toEqual([
      ['households', expect.closeTo(86.5, 9), expect.closeTo(43.25, 9)],
      ['projects', 100, 15],
      ['quiz', 85, 8.5],
      ['documents', 80, 8],
      ['interviews', 100, 5],
      ['ledger', 90, 9],
    ]);
    expect(h.breakdown.reduce((s, b) => s + b.contribution, 0)).toBeCloseTo(h.score, 12);
  });

  it('gives a 90% interval from the household estimate only, as a Wilson interval on the burden', () => {
    const h = scoreVillage(heavy, DEFAULT_SCHEME);
    const nEff = (0.135 * 0.865) / 0.0011; // Kish effective size ≈ 106.16
    const w = wilson(0.135, nEff, Z_90);
    expect(h.householdEstimate!.interval[0]).toBeCloseTo(w.lower, 9);
    expect(h.householdEstimate!.interval[1]).toBeCloseTo(w.upper, 9);
    // Only the household term moves: 50 points × (burden interval)
    expect(h.interval[0]).toBeCloseTo(88.75 - 50 * (w.upper - 0.135), 9);
    expect(h.interval[1]).toBeCloseTo(88.75 + 50 * (0.135 - w.lower), 9);
    expect(h.interval[0]).toBeLessThan(h.score);
    expect(h.interval[1]).toBeGreaterThan(h.score);
  });

  it("reduces to sampling's estimateProblemShare under the 'indicator' measure", () => {
    const indicator: ScoringScheme = { ...DEFAULT_SCHEME, householdMeasure: 'indicator' };
    for (const v of [fixture.priorityHeavy, fixture.priorityLight]) {
      const problems = Object.fromEntries(Object.entries(v.findings).map(([no, f]) => [no, f.length > 0]));
      const expected = estimateProblemShare(fixture.draw, problems);
      const got = scoreVillage(inspection(v), indicator).householdEstimate!;
      expect(got.meanBurden).toBeCloseTo(expected.share, 12);
      expect(got.variance).toBeCloseTo(expected.variance, 12);
      expect(got.interval[0]).toBeCloseTo(expected.lower, 12);
      expect(got.interval[1]).toBeCloseTo(expected.upper, 12);
    }
  });

  it('estimates the share of households with each problem type', () => {
    const h = scoreVillage(heavy, DEFAULT_SCHEME).householdEstimate!;
    // 住房安全 only at V1 (must-visit): 0.1·(1/2) = 0.05; 饮水安全 only at M1: 0.3·(1/3) = 0.1; 档卡资料 only at O1: 0.6·(1/4) = 0.15
    expect(Object.fromEntries(h.byType.map((t) => [t.key, t.share]))).toEqual({
      住房安全: expect.closeTo(0.05, 12),
      饮水安全: expect.closeTo(0.1, 12),
      健康帮扶: expect.closeTo(0.1, 12),
      档卡资料: expect.closeTo(0.15, 12),
    });
  });
});
